/** Domain configuration, devices, console and screenshot procedures (docs/protocol/procedures.md §8.4). */
import { u32 } from '../xdr/index.js';
import { Dom, i32, optStr, str, struct, u64 } from './common.js';
import { remoteProc } from './define.js';
import { DomFlagsArgs, flagsCodec } from './shared.js';

const DeviceXmlArgs = struct({ dom: Dom, xml: str, flags: flagsCodec });

export const DOMAIN_SET_MEMORY = remoteProc('DOMAIN_SET_MEMORY', 31, struct({ dom: Dom, memory: u64 }));
export const DOMAIN_ATTACH_DEVICE_FLAGS = remoteProc('DOMAIN_ATTACH_DEVICE_FLAGS', 160, DeviceXmlArgs);
export const DOMAIN_DETACH_DEVICE_FLAGS = remoteProc('DOMAIN_DETACH_DEVICE_FLAGS', 161, DeviceXmlArgs);
export const DOMAIN_UPDATE_DEVICE_FLAGS = remoteProc('DOMAIN_UPDATE_DEVICE_FLAGS', 174, DeviceXmlArgs);
export const DOMAIN_SET_VCPUS_FLAGS = remoteProc('DOMAIN_SET_VCPUS_FLAGS', 199, struct({ dom: Dom, nvcpus: u32, flags: flagsCodec }));
export const DOMAIN_GET_VCPUS_FLAGS = remoteProc('DOMAIN_GET_VCPUS_FLAGS', 200, DomFlagsArgs, struct({ num: i32 }));
/** Opens a bidirectional stream to the guest's console or serial port; ret void. */
export const DOMAIN_OPEN_CONSOLE = remoteProc(
  'DOMAIN_OPEN_CONSOLE',
  201,
  struct({ dom: Dom, devName: optStr, flags: flagsCodec }),
  undefined,
  'both',
);
/** virDomainSetMetadata: `metadata` null removes the element; key and uri only for type ELEMENT. */
export const DOMAIN_SET_METADATA = remoteProc(
  'DOMAIN_SET_METADATA',
  264,
  struct({ dom: Dom, type: i32, metadata: optStr, key: optStr, uri: optStr, flags: flagsCodec }),
);
export const DOMAIN_GET_METADATA = remoteProc(
  'DOMAIN_GET_METADATA',
  265,
  struct({ dom: Dom, type: i32, uri: optStr, flags: flagsCodec }),
  struct({ metadata: str }),
);
export const DOMAIN_SET_MEMORY_FLAGS = remoteProc('DOMAIN_SET_MEMORY_FLAGS', 204, struct({ dom: Dom, memory: u64, flags: flagsCodec }));
/** The reply names the image's MIME type; the image follows as a read stream. */
export const DOMAIN_SCREENSHOT = remoteProc(
  'DOMAIN_SCREENSHOT',
  211,
  struct({ dom: Dom, screen: u32, flags: flagsCodec }),
  struct({ mime: optStr }),
  'read',
);
export const DOMAIN_BLOCK_RESIZE = remoteProc('DOMAIN_BLOCK_RESIZE', 251, struct({ dom: Dom, disk: str, size: u64, flags: flagsCodec }));
export const DOMAIN_DETACH_DEVICE_ALIAS = remoteProc(
  'DOMAIN_DETACH_DEVICE_ALIAS',
  392,
  struct({ dom: Dom, alias: str, flags: flagsCodec }),
);
