/** Storage volume procedures, including the upload/download streams (docs/protocol/procedures.md §8.9; streams: docs/protocol/events-streams.md §7). */
import { u32 } from '../xdr/index.js';
import { Pool, Vol, i32, str, struct, u64 } from './common.js';
import { remoteProc } from './define.js';
import { VolArgs, VolFlagsArgs, VolRet, XmlRet, flagsCodec } from './shared.js';

const PoolXmlArgs = struct({ pool: Pool, xml: str, flags: flagsCodec });
const TransferArgs = struct({ vol: Vol, offset: u64, length: u64, flags: flagsCodec });

/** remote_storage_vol_get_info_ret: `char type` takes 4 bytes. */
export const VolInfoRet = struct({ type: i32, capacity: u64, allocation: u64 });

export const STORAGE_VOL_CREATE_XML = remoteProc('STORAGE_VOL_CREATE_XML', 93, PoolXmlArgs, VolRet);
export const STORAGE_VOL_DELETE = remoteProc('STORAGE_VOL_DELETE', 94, VolFlagsArgs);
export const STORAGE_VOL_LOOKUP_BY_NAME = remoteProc('STORAGE_VOL_LOOKUP_BY_NAME', 95, struct({ pool: Pool, name: str }), VolRet);
export const STORAGE_VOL_LOOKUP_BY_KEY = remoteProc('STORAGE_VOL_LOOKUP_BY_KEY', 96, struct({ key: str }), VolRet);
export const STORAGE_VOL_LOOKUP_BY_PATH = remoteProc('STORAGE_VOL_LOOKUP_BY_PATH', 97, struct({ path: str }), VolRet);
export const STORAGE_VOL_GET_INFO = remoteProc('STORAGE_VOL_GET_INFO', 98, VolArgs, VolInfoRet);
export const STORAGE_VOL_GET_XML_DESC = remoteProc('STORAGE_VOL_GET_XML_DESC', 99, VolFlagsArgs, XmlRet);
export const STORAGE_VOL_GET_PATH = remoteProc('STORAGE_VOL_GET_PATH', 100, VolArgs, struct({ name: str }));
export const STORAGE_VOL_CREATE_XML_FROM = remoteProc(
  'STORAGE_VOL_CREATE_XML_FROM',
  125,
  struct({ pool: Pool, xml: str, clonevol: Vol, flags: flagsCodec }),
  VolRet,
);
export const STORAGE_VOL_WIPE = remoteProc('STORAGE_VOL_WIPE', 165, VolFlagsArgs);
/** Client to server: CONTINUE chunks, then STREAM/OK. `length` 0 = to the end. */
export const STORAGE_VOL_UPLOAD = remoteProc('STORAGE_VOL_UPLOAD', 208, TransferArgs, undefined, 'write');
/** Server to client until an empty CONTINUE (EOF). `length` 0 = to the end. */
export const STORAGE_VOL_DOWNLOAD = remoteProc('STORAGE_VOL_DOWNLOAD', 209, TransferArgs, undefined, 'read');
export const STORAGE_VOL_WIPE_PATTERN = remoteProc(
  'STORAGE_VOL_WIPE_PATTERN',
  259,
  struct({ vol: Vol, algorithm: u32, flags: flagsCodec }),
);
export const STORAGE_VOL_RESIZE = remoteProc('STORAGE_VOL_RESIZE', 260, struct({ vol: Vol, capacity: u64, flags: flagsCodec }));
export const STORAGE_VOL_GET_INFO_FLAGS = remoteProc('STORAGE_VOL_GET_INFO_FLAGS', 378, VolFlagsArgs, VolInfoRet);
