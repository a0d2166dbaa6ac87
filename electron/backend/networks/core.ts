/**
 * Virtual networks over any RpcCaller: the backend's feature hands in a host's
 * live connection, the CLI its own client, so both create, start, stop and
 * delete networks, and read their leases, the same way.
 */
import type { Network, NetworkCreateInput, NetworkDetail } from '../../../shared/contract/networks.js';
import { parseCidr } from '../../../shared/contract/network-rules.js';
import { api, isNoNetwork, isNoSupport, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { checked } from '../vms/common.js';
import { buildNetworkXml, type NetworkSpec } from '../xml/index.js';
import { isLive, listAttachedMachines } from './attached.js';
import { matchLeaseOwners, toLeaseRow } from './leases.js';
import { findNetwork, listNetworks, readNetwork } from './read.js';

export { listNetworks };

export type CreateSpec = Omit<NetworkCreateInput, 'connectionId'>;

/** The builder's spec for a create request; pure, so the XML for every mode is tested without a host. */
export function networkSpecOf(req: CreateSpec): NetworkSpec {
  const mode = req.mode === 'routed' ? 'route' : req.mode;
  if (req.cidr === undefined) {
    if (req.dhcp) throw new AppError('invalid-input', 'A DHCP range needs an IPv4 range (--ip CIDR).');
    return { name: req.name, mode };
  }
  const plan = parseCidr(req.cidr);
  if (typeof plan === 'string') throw new AppError('invalid-input', `Invalid IPv4 range "${req.cidr}": ${plan}.`);
  return { name: req.name, mode, ipv4: { address: plan.address, prefix: plan.prefix, ...(req.dhcp ? { dhcp: req.dhcp } : {}) } };
}

/** The network XML a create request defines (checked by the XML module: a bad spec never reaches libvirt). */
export const networkXmlOf = (req: CreateSpec): string => checked(() => buildNetworkXml(networkSpecOf(req)));

/** Defines the network; with `start`, starts it too, and with `autostart` marks it so. */
export async function createNetwork(c: RpcCaller, connectionId: string, req: CreateSpec): Promise<Network> {
  const xml = networkXmlOf(req);
  const taken = await api.lookupNetworkByName(c, req.name).then(
    () => true,
    (e: unknown) => (isNoNetwork(e) ? false : Promise.reject(e)),
  );
  if (taken)
    throw new AppError('conflict', `There is already a virtual network named "${req.name}" on this host.`, {
      issues: [{ path: 'name', message: 'this name is taken' }],
    });
  const net = await api.defineNetwork(c, xml);
  try {
    if (req.autostart) await api.setNetworkAutostart(c, net, true);
    if (req.start) await api.startNetwork(c, net);
  } catch (e) {
    // Defined but not started (a bridge name or subnet already in use, say): leave nothing half-made.
    await api.undefineNetwork(c, net).catch(() => undefined);
    throw e;
  }
  return readNetwork(c, connectionId, net);
}

export async function startNetwork(c: RpcCaller, connectionId: string, name: string): Promise<Network> {
  const net = await findNetwork(c, name);
  if (await api.isNetworkActive(c, net)) throw new AppError('operation-invalid', `The virtual network "${name}" is already active.`);
  await api.startNetwork(c, net);
  return readNetwork(c, connectionId, net);
}

export async function stopNetwork(c: RpcCaller, connectionId: string, name: string): Promise<Network> {
  const net = await findNetwork(c, name);
  const before = await readNetwork(c, connectionId, net);
  if (!before.active) throw new AppError('operation-invalid', `The virtual network "${name}" is not active.`);
  await api.stopNetwork(c, net);
  // A transient network is gone once stopped: report it as it was, inactive.
  return readNetwork(c, connectionId, net).catch((e: unknown) => (isNoNetwork(e) ? { ...before, active: false } : Promise.reject(e)));
}

export async function setNetworkAutostart(c: RpcCaller, connectionId: string, name: string, autostart: boolean): Promise<Network> {
  const net = await findNetwork(c, name);
  if (!(await api.isNetworkPersistent(c, net)))
    throw new AppError('operation-invalid', `The virtual network "${name}" is transient: only a defined network can autostart.`);
  await api.setNetworkAutostart(c, net, autostart);
  return readNetwork(c, connectionId, net);
}

/**
 * Stops (if active) and undefines the network. Refused while a running machine
 * has a NIC on it, naming the machines: stopping the network under them would
 * cut them off.
 */
export async function deleteNetwork(c: RpcCaller, name: string): Promise<{ deleted: string }> {
  const net = await findNetwork(c, name);
  const running = (await listAttachedMachines(c, name)).filter(isLive);
  if (running.length > 0) {
    const names = running.map((m) => `"${m.name}"`).join(', ');
    throw new AppError(
      'conflict',
      `The virtual network "${name}" is in use by running machine${running.length > 1 ? 's' : ''} ${names}: stop ${running.length > 1 ? 'them' : 'it'} or move ${running.length > 1 ? 'their' : 'its'} NICs first.`,
      { issues: running.map((m) => ({ path: 'attached', message: m.name })) },
    );
  }
  const [active, persistent] = await Promise.all([api.isNetworkActive(c, net), api.isNetworkPersistent(c, net)]);
  if (active) await api.stopNetwork(c, net);
  if (persistent) await api.undefineNetwork(c, net);
  return { deleted: name };
}

/** The network, its machines and its DHCP leases, each with the machine holding its MAC. */
export async function getNetworkDetail(c: RpcCaller, connectionId: string, name: string): Promise<NetworkDetail> {
  const net = await findNetwork(c, name);
  const [network, attached] = await Promise.all([readNetwork(c, connectionId, net), listAttachedMachines(c, name)]);
  // An inactive network has no dnsmasq, hence no leases to ask for; some drivers keep none at all.
  let leasesSupported = true;
  const leases = !network.active
    ? []
    : await api.getDhcpLeases(c, net).then(
        (ls) => ls.map(toLeaseRow),
        (e: unknown) => (isNoSupport(e) ? ((leasesSupported = false), []) : Promise.reject(e)),
      );
  return { ...network, attached, leases: matchLeaseOwners(leases, attached), leasesSupported };
}
