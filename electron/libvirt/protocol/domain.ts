/** Domain lookup, definition, lifecycle and state procedures (docs/protocol/procedures.md §8.3). */
import { intBool, u32 } from '../xdr/index.js';
import { Dom, array, i32, str, struct, u64, uuid } from './common.js';
import { remoteProc } from './define.js';
import { REMOTE_DOMAIN_LIST_MAX } from './limits.js';
import {
  ActiveRet,
  AutostartRet,
  DomArgs,
  DomFlagsArgs,
  DomRet,
  ListArgs,
  NameArgs,
  PersistentRet,
  ResultRet,
  XmlRet,
  flagsCodec,
} from './shared.js';

// Smallest Dom on the wire: empty name (4) + uuid (16) + id (4).
const DOM_MIN_BYTES = 24;

export const DOMAIN_CREATE_XML = remoteProc('DOMAIN_CREATE_XML', 10, struct({ xmlDesc: str, flags: flagsCodec }), DomRet);
export const DOMAIN_DEFINE_XML = remoteProc('DOMAIN_DEFINE_XML', 11, struct({ xml: str }), DomRet);
export const DOMAIN_GET_XML_DESC = remoteProc('DOMAIN_GET_XML_DESC', 14, DomFlagsArgs, XmlRet);
export const DOMAIN_GET_AUTOSTART = remoteProc('DOMAIN_GET_AUTOSTART', 15, DomArgs, AutostartRet);

/** remote_domain_get_info_ret: `unsigned char state` and `unsigned short nrVirtCpu` take 4 bytes each. */
export const DomainInfoRet = struct({ state: u32, maxMem: u64, memory: u64, nrVirtCpu: u32, cpuTime: u64 });
export const DOMAIN_GET_INFO = remoteProc('DOMAIN_GET_INFO', 16, DomArgs, DomainInfoRet);

export const DOMAIN_LOOKUP_BY_ID = remoteProc('DOMAIN_LOOKUP_BY_ID', 22, struct({ id: i32 }), DomRet);
export const DOMAIN_LOOKUP_BY_NAME = remoteProc('DOMAIN_LOOKUP_BY_NAME', 23, NameArgs, DomRet);
export const DOMAIN_LOOKUP_BY_UUID = remoteProc('DOMAIN_LOOKUP_BY_UUID', 24, struct({ uuid }), DomRet);
export const DOMAIN_REBOOT = remoteProc('DOMAIN_REBOOT', 27, DomFlagsArgs);
export const DOMAIN_RESUME = remoteProc('DOMAIN_RESUME', 28, DomArgs);
export const DOMAIN_SET_AUTOSTART = remoteProc('DOMAIN_SET_AUTOSTART', 29, struct({ dom: Dom, autostart: intBool }));
export const DOMAIN_SUSPEND = remoteProc('DOMAIN_SUSPEND', 34, DomArgs);
export const DOMAIN_IS_ACTIVE = remoteProc('DOMAIN_IS_ACTIVE', 150, DomArgs, ActiveRet);
export const DOMAIN_IS_PERSISTENT = remoteProc('DOMAIN_IS_PERSISTENT', 151, DomArgs, PersistentRet);
export const DOMAIN_MANAGED_SAVE = remoteProc('DOMAIN_MANAGED_SAVE', 182, DomFlagsArgs);
export const DOMAIN_HAS_MANAGED_SAVE_IMAGE = remoteProc('DOMAIN_HAS_MANAGED_SAVE_IMAGE', 183, DomFlagsArgs, ResultRet);
export const DOMAIN_MANAGED_SAVE_REMOVE = remoteProc('DOMAIN_MANAGED_SAVE_REMOVE', 184, DomFlagsArgs);
export const DOMAIN_CREATE_WITH_FLAGS = remoteProc('DOMAIN_CREATE_WITH_FLAGS', 196, DomFlagsArgs, DomRet);
export const DOMAIN_GET_STATE = remoteProc('DOMAIN_GET_STATE', 212, DomFlagsArgs, struct({ state: i32, reason: i32 }));
export const DOMAIN_UNDEFINE_FLAGS = remoteProc('DOMAIN_UNDEFINE_FLAGS', 231, DomFlagsArgs);
export const DOMAIN_DESTROY_FLAGS = remoteProc('DOMAIN_DESTROY_FLAGS', 234, DomFlagsArgs);
export const DOMAIN_RESET = remoteProc('DOMAIN_RESET', 245, DomFlagsArgs);
export const DOMAIN_SHUTDOWN_FLAGS = remoteProc('DOMAIN_SHUTDOWN_FLAGS', 258, DomFlagsArgs);
export const CONNECT_LIST_ALL_DOMAINS = remoteProc(
  'CONNECT_LIST_ALL_DOMAINS',
  273,
  ListArgs,
  struct({ domains: array(Dom, REMOTE_DOMAIN_LIST_MAX, DOM_MIN_BYTES), ret: u32 }),
);
export const DOMAIN_GET_HOSTNAME = remoteProc('DOMAIN_GET_HOSTNAME', 277, DomFlagsArgs, struct({ hostname: str }));
export const DOMAIN_DEFINE_XML_FLAGS = remoteProc('DOMAIN_DEFINE_XML_FLAGS', 350, struct({ xml: str, flags: flagsCodec }), DomRet);
