/** Reading virtual networks into the contract's Network shape: their XML for mode, bridge and addresses, three calls for state. */
import type { Network } from '../../../shared/contract/networks.js';
import { api, isNoNetwork, isNoSupport, uuidToString, type Net, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { mapConcurrent } from '../util/concurrency.js';
import { parseNetwork } from '../xml/index.js';

/** libvirt says "route"; NovaCron's words (the create dialog, the CLI) say "routed". */
const modeName = (forwardMode: string) => (forwardMode === 'route' ? 'routed' : forwardMode);

/** The network by name; "not found" names it and the host. */
export async function findNetwork(c: RpcCaller, name: string): Promise<Net> {
  try {
    return await api.lookupNetworkByName(c, name);
  } catch (e) {
    if (isNoNetwork(e)) throw new AppError('not-found', `There is no virtual network "${name}" on this host (deleted meanwhile?).`);
    throw e;
  }
}

export async function readNetwork(c: RpcCaller, connectionId: string, net: Net): Promise<Network> {
  const [xml, active, persistent, autostart] = await Promise.all([
    api.getNetworkXml(c, net),
    api.isNetworkActive(c, net),
    api.isNetworkPersistent(c, net),
    // A transient network has no autostart to report on some drivers.
    api.getNetworkAutostart(c, net).catch((e: unknown) => (isNoSupport(e) ? false : Promise.reject(e))),
  ]);
  const model = parseNetwork(xml);
  return {
    connectionId,
    name: net.name,
    uuid: uuidToString(net.uuid),
    mode: modeName(model.forwardMode),
    bridge: model.bridge ?? null,
    ips: model.ips.map((ip) => ({ family: ip.family, address: ip.address, prefix: ip.prefix ?? null, dhcpRanges: ip.dhcpRanges })),
    active,
    autostart,
    persistent,
  };
}

/** Every network of the host, by name. One that vanishes between the listing and its reads is left out. */
export async function listNetworks(c: RpcCaller, connectionId: string): Promise<Network[]> {
  const nets = await api.listAllNetworks(c);
  const read = await mapConcurrent(nets, 16, async (n) => {
    try {
      return await readNetwork(c, connectionId, n);
    } catch (e) {
      if (isNoNetwork(e)) return null;
      throw e;
    }
  });
  return read.filter((n): n is Network => n !== null).sort((a, b) => a.name.localeCompare(b.name));
}
