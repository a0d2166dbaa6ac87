/** Virtual networks: list, look up, define/create, start/stop/undefine, XML, autostart, bridge, DHCP leases, update. */
import type { Net } from '../protocol/common.js';
import type { RpcCaller } from '../rpc/types.js';
import * as P from '../protocol/network.js';
import { uuidBytes } from './util.js';

export interface DhcpLease {
  iface: string;
  /** Seconds since the epoch. */
  expirytime: bigint;
  /** IpAddrType (IPV4 0, IPV6 1). */
  type: number;
  mac: string | null;
  iaid: string | null;
  ipaddr: string;
  prefix: number;
  hostname: string | null;
  clientid: string | null;
}

/** Networks matching `flags` (NetworkListFlags; 0 = all). */
export async function listAllNetworks(c: RpcCaller, flags = 0): Promise<Net[]> {
  return (await c.call(P.CONNECT_LIST_ALL_NETWORKS, { needResults: true, flags })).nets;
}

export async function lookupNetworkByName(c: RpcCaller, name: string): Promise<Net> {
  return (await c.call(P.NETWORK_LOOKUP_BY_NAME, { name })).net;
}

export async function lookupNetworkByUuid(c: RpcCaller, uuid: string | Uint8Array): Promise<Net> {
  return (await c.call(P.NETWORK_LOOKUP_BY_UUID, { uuid: uuidBytes(uuid) })).net;
}

/** Defines a persistent network. Non-zero flags (NetworkDefineFlags.VALIDATE) need libvirt 7.7+. */
export async function defineNetwork(c: RpcCaller, xml: string, flags = 0): Promise<Net> {
  const ret = flags === 0 ? await c.call(P.NETWORK_DEFINE_XML, { xml }) : await c.call(P.NETWORK_DEFINE_XML_FLAGS, { xml, flags });
  return ret.net;
}

/** Creates and starts a transient network. Non-zero flags need libvirt 7.7+. */
export async function createNetworkXml(c: RpcCaller, xml: string, flags = 0): Promise<Net> {
  const ret = flags === 0 ? await c.call(P.NETWORK_CREATE_XML, { xml }) : await c.call(P.NETWORK_CREATE_XML_FLAGS, { xml, flags });
  return ret.net;
}

export async function startNetwork(c: RpcCaller, net: Net): Promise<void> {
  await c.call(P.NETWORK_CREATE, { net });
}

export async function stopNetwork(c: RpcCaller, net: Net): Promise<void> {
  await c.call(P.NETWORK_DESTROY, { net });
}

export async function undefineNetwork(c: RpcCaller, net: Net): Promise<void> {
  await c.call(P.NETWORK_UNDEFINE, { net });
}

/** Network XML (NetworkXmlFlags.INACTIVE for the persistent config). */
export async function getNetworkXml(c: RpcCaller, net: Net, flags = 0): Promise<string> {
  return (await c.call(P.NETWORK_GET_XML_DESC, { net, flags })).xml;
}

export async function getNetworkAutostart(c: RpcCaller, net: Net): Promise<boolean> {
  return (await c.call(P.NETWORK_GET_AUTOSTART, { net })).autostart;
}

export async function setNetworkAutostart(c: RpcCaller, net: Net, autostart: boolean): Promise<void> {
  await c.call(P.NETWORK_SET_AUTOSTART, { net, autostart });
}

export async function isNetworkActive(c: RpcCaller, net: Net): Promise<boolean> {
  return (await c.call(P.NETWORK_IS_ACTIVE, { net })).active;
}

export async function isNetworkPersistent(c: RpcCaller, net: Net): Promise<boolean> {
  return (await c.call(P.NETWORK_IS_PERSISTENT, { net })).persistent;
}

/** The host bridge device, e.g. "virbr0". */
export async function getNetworkBridgeName(c: RpcCaller, net: Net): Promise<string> {
  return (await c.call(P.NETWORK_GET_BRIDGE_NAME, { net })).name;
}

/** The network's DHCP leases, all or those of one MAC address. */
export async function getDhcpLeases(c: RpcCaller, net: Net, mac: string | null = null): Promise<DhcpLease[]> {
  return (await c.call(P.NETWORK_GET_DHCP_LEASES, { net, mac, needResults: true, flags: 0 })).leases;
}

export interface NetworkUpdate {
  /** NetworkUpdateCommand */
  command: number;
  /** NetworkUpdateSection */
  section: number;
  /** Which `<ip>` element, for IP sections; -1 = the first that fits. */
  parentIndex?: number;
  xml: string;
}

/**
 * Changes one part of a network live and/or in its config (NetworkUpdateFlags).
 * Assumes the modern argument order (feature 16, libvirt 1.2.9+ daemons).
 */
export async function updateNetwork(c: RpcCaller, net: Net, u: NetworkUpdate, flags = 0): Promise<void> {
  await c.call(P.NETWORK_UPDATE, {
    net,
    command: u.command,
    section: u.section,
    parentIndex: u.parentIndex ?? -1,
    xml: u.xml,
    flags,
  });
}
