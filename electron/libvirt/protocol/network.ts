/** Virtual network procedures (docs/protocol/procedures.md §8.10). */
import { intBool, u32 } from '../xdr/index.js';
import { Net, array, i32, i64, optStr, str, struct, uuid } from './common.js';
import { remoteProc } from './define.js';
import { REMOTE_NETWORK_DHCP_LEASES_MAX, REMOTE_NETWORK_LIST_MAX } from './limits.js';
import { ActiveRet, AutostartRet, ListArgs, NameArgs, NetArgs, NetRet, PersistentRet, XmlFlagsArgs, XmlRet, flagsCodec } from './shared.js';

const XmlArgs = struct({ xml: str });

export const NETWORK_CREATE = remoteProc('NETWORK_CREATE', 39, NetArgs);
export const NETWORK_CREATE_XML = remoteProc('NETWORK_CREATE_XML', 40, XmlArgs, NetRet);
export const NETWORK_DEFINE_XML = remoteProc('NETWORK_DEFINE_XML', 41, XmlArgs, NetRet);
export const NETWORK_DESTROY = remoteProc('NETWORK_DESTROY', 42, NetArgs);
export const NETWORK_GET_XML_DESC = remoteProc('NETWORK_GET_XML_DESC', 43, struct({ net: Net, flags: flagsCodec }), XmlRet);
export const NETWORK_GET_AUTOSTART = remoteProc('NETWORK_GET_AUTOSTART', 44, NetArgs, AutostartRet);
export const NETWORK_GET_BRIDGE_NAME = remoteProc('NETWORK_GET_BRIDGE_NAME', 45, NetArgs, struct({ name: str }));
export const NETWORK_LOOKUP_BY_NAME = remoteProc('NETWORK_LOOKUP_BY_NAME', 46, NameArgs, NetRet);
export const NETWORK_LOOKUP_BY_UUID = remoteProc('NETWORK_LOOKUP_BY_UUID', 47, struct({ uuid }), NetRet);
export const NETWORK_SET_AUTOSTART = remoteProc('NETWORK_SET_AUTOSTART', 48, struct({ net: Net, autostart: intBool }));
export const NETWORK_UNDEFINE = remoteProc('NETWORK_UNDEFINE', 49, NetArgs);
export const NETWORK_IS_ACTIVE = remoteProc('NETWORK_IS_ACTIVE', 152, NetArgs, ActiveRet);
export const NETWORK_IS_PERSISTENT = remoteProc('NETWORK_IS_PERSISTENT', 153, NetArgs, PersistentRet);
export const CONNECT_LIST_ALL_NETWORKS = remoteProc(
  'CONNECT_LIST_ALL_NETWORKS',
  283,
  ListArgs,
  // Smallest Net: empty name (4) + uuid (16).
  struct({ nets: array(Net, REMOTE_NETWORK_LIST_MAX, 20), ret: u32 }),
);
/**
 * NETWORK_UPDATE. Daemons before 1.2.? had `command` and `section` swapped;
 * SUPPORTS_FEATURE 16 (NETWORK_UPDATE_HAS_CORRECT_ORDER) tells.
 */
export const NETWORK_UPDATE = remoteProc(
  'NETWORK_UPDATE',
  291,
  struct({ net: Net, command: u32, section: u32, parentIndex: i32, xml: str, flags: flagsCodec }),
);

/** remote_network_dhcp_lease */
export const DhcpLease = struct({
  iface: str,
  expirytime: i64,
  type: i32,
  mac: optStr,
  iaid: optStr,
  ipaddr: str,
  prefix: u32,
  hostname: optStr,
  clientid: optStr,
});
export const NetworkDhcpLeasesRet = struct({
  // Smallest lease: 4 + 8 + 4 + 4 + 4 + 4 + 4 + 4 + 4.
  leases: array(DhcpLease, REMOTE_NETWORK_DHCP_LEASES_MAX, 40),
  ret: u32,
});
export const NETWORK_GET_DHCP_LEASES = remoteProc(
  'NETWORK_GET_DHCP_LEASES',
  341,
  struct({ net: Net, mac: optStr, needResults: intBool, flags: flagsCodec }),
  NetworkDhcpLeasesRet,
);
/** 7.7+ (absent on older daemons: "unknown procedure"). */
export const NETWORK_DEFINE_XML_FLAGS = remoteProc('NETWORK_DEFINE_XML_FLAGS', 432, XmlFlagsArgs, NetRet);
/** 7.7+ (absent on older daemons: "unknown procedure"). */
export const NETWORK_CREATE_XML_FLAGS = remoteProc('NETWORK_CREATE_XML_FLAGS', 437, XmlFlagsArgs, NetRet);
