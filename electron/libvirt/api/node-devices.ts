/** Host devices and host network interfaces: list, look up, XML. */
import type { Iface, NodeDev } from '../protocol/common.js';
import type { RpcCaller } from '../rpc/types.js';
import * as P from '../protocol/nodedev.js';

/** Node devices matching `flags` (NodeDeviceListFlags capability bits; 0 = all). */
export async function listAllNodeDevices(c: RpcCaller, flags = 0): Promise<NodeDev[]> {
  return (await c.call(P.CONNECT_LIST_ALL_NODE_DEVICES, { needResults: true, flags })).devices;
}

export async function lookupNodeDevice(c: RpcCaller, name: string): Promise<NodeDev> {
  return (await c.call(P.NODE_DEVICE_LOOKUP_BY_NAME, { name })).dev;
}

export async function getNodeDeviceXml(c: RpcCaller, dev: NodeDev): Promise<string> {
  return (await c.call(P.NODE_DEVICE_GET_XML_DESC, { name: dev.name, flags: 0 })).xml;
}

/** Host interfaces (InterfaceListFlags; 0 = all). Needs the interface driver (netcf/udev). */
export async function listAllInterfaces(c: RpcCaller, flags = 0): Promise<Iface[]> {
  return (await c.call(P.CONNECT_LIST_ALL_INTERFACES, { needResults: true, flags })).ifaces;
}

export async function lookupInterfaceByName(c: RpcCaller, name: string): Promise<Iface> {
  return (await c.call(P.INTERFACE_LOOKUP_BY_NAME, { name })).iface;
}

/** Interface XML (InterfaceXmlFlags.INACTIVE). */
export async function getInterfaceXml(c: RpcCaller, iface: Iface, flags = 0): Promise<string> {
  return (await c.call(P.INTERFACE_GET_XML_DESC, { iface, flags })).xml;
}
