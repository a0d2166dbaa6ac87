/** Domain snapshot procedures (docs/protocol/procedures.md §8.6). */
import { intBool } from '../xdr/index.js';
import { Dom, Snap, array, i32, str, struct } from './common.js';
import { remoteProc } from './define.js';
import { REMOTE_DOMAIN_SNAPSHOT_LIST_MAX } from './limits.js';
import { DomFlagsArgs, ResultRet, SnapFlagsArgs, SnapRet, XmlRet, flagsCodec } from './shared.js';

// Smallest Snap: empty name (4) + Dom (24).
const SNAP_MIN_BYTES = 28;

export const DOMAIN_SNAPSHOT_CREATE_XML = remoteProc(
  'DOMAIN_SNAPSHOT_CREATE_XML',
  185,
  struct({ dom: Dom, xmlDesc: str, flags: flagsCodec }),
  SnapRet,
);
export const DOMAIN_SNAPSHOT_GET_XML_DESC = remoteProc('DOMAIN_SNAPSHOT_GET_XML_DESC', 186, SnapFlagsArgs, XmlRet);
export const DOMAIN_SNAPSHOT_LOOKUP_BY_NAME = remoteProc(
  'DOMAIN_SNAPSHOT_LOOKUP_BY_NAME',
  189,
  struct({ dom: Dom, name: str, flags: flagsCodec }),
  SnapRet,
);
export const DOMAIN_HAS_CURRENT_SNAPSHOT = remoteProc('DOMAIN_HAS_CURRENT_SNAPSHOT', 190, DomFlagsArgs, ResultRet);
export const DOMAIN_SNAPSHOT_CURRENT = remoteProc('DOMAIN_SNAPSHOT_CURRENT', 191, DomFlagsArgs, SnapRet);
export const DOMAIN_REVERT_TO_SNAPSHOT = remoteProc('DOMAIN_REVERT_TO_SNAPSHOT', 192, SnapFlagsArgs);
export const DOMAIN_SNAPSHOT_DELETE = remoteProc('DOMAIN_SNAPSHOT_DELETE', 193, SnapFlagsArgs);
export const DOMAIN_SNAPSHOT_GET_PARENT = remoteProc('DOMAIN_SNAPSHOT_GET_PARENT', 244, SnapFlagsArgs, SnapRet);
/** Note: the ret count is a signed int here, unlike the other LIST_ALL calls. */
export const DOMAIN_LIST_ALL_SNAPSHOTS = remoteProc(
  'DOMAIN_LIST_ALL_SNAPSHOTS',
  274,
  struct({ dom: Dom, needResults: intBool, flags: flagsCodec }),
  struct({ snapshots: array(Snap, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX, SNAP_MIN_BYTES), ret: i32 }),
);
