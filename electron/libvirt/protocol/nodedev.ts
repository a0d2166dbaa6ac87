/** Node device and host interface procedures (docs/protocol/procedures.md §8.11). */
import { u32 } from '../xdr/index.js';
import { Iface, NodeDev, array, str, struct } from './common.js';
import { remoteProc } from './define.js';
import { REMOTE_INTERFACE_LIST_MAX, REMOTE_NODE_DEVICE_LIST_MAX } from './limits.js';
import { ListArgs, NameArgs, XmlRet, flagsCodec } from './shared.js';

export const NODE_DEVICE_LOOKUP_BY_NAME = remoteProc('NODE_DEVICE_LOOKUP_BY_NAME', 113, NameArgs, struct({ dev: NodeDev }));
export const NODE_DEVICE_GET_XML_DESC = remoteProc('NODE_DEVICE_GET_XML_DESC', 114, struct({ name: str, flags: flagsCodec }), XmlRet);
export const INTERFACE_LOOKUP_BY_NAME = remoteProc('INTERFACE_LOOKUP_BY_NAME', 128, NameArgs, struct({ iface: Iface }));
export const INTERFACE_GET_XML_DESC = remoteProc('INTERFACE_GET_XML_DESC', 130, struct({ iface: Iface, flags: flagsCodec }), XmlRet);
export const CONNECT_LIST_ALL_INTERFACES = remoteProc(
  'CONNECT_LIST_ALL_INTERFACES',
  284,
  ListArgs,
  struct({ ifaces: array(Iface, REMOTE_INTERFACE_LIST_MAX, 8), ret: u32 }),
);
export const CONNECT_LIST_ALL_NODE_DEVICES = remoteProc(
  'CONNECT_LIST_ALL_NODE_DEVICES',
  285,
  ListArgs,
  struct({ devices: array(NodeDev, REMOTE_NODE_DEVICE_LIST_MAX, 4), ret: u32 }),
);
