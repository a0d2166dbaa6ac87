/**
 * One host's wiring for the Topology map: its networks (with bridges), its
 * pools, and every machine with the networks and pools its devices use.
 * Definitions are read pipelined (the 1,000-domain test host answers in well
 * under a second over the socket); a machine whose definition vanished
 * meanwhile is left out rather than failing the whole map.
 */
import type { HostTopology, TopologyMachine } from '../../../shared/contract/topology.js';
import type { VmState } from '../../../shared/types.js';
import { api, isNoDomain, isNoSupport, ListAllDomainsFlags, uuidToString, type RpcCaller } from '../../libvirt/index.js';
import { mapConcurrent } from '../util/concurrency.js';
import { parseDomain, parsePool } from '../xml/index.js';
import { wireMachine, type PoolPlace } from './wire.js';

/** Definitions in flight at once: enough to hide an SSH round trip (see vms/read.ts for the figures). */
const XML_CONCURRENCY = 128;

async function readNetworks(c: RpcCaller): Promise<HostTopology['networks']> {
  const nets = await api.listAllNetworks(c);
  const out = await Promise.all(
    nets.map(async (n) => {
      const [active, bridge] = await Promise.all([
        api.isNetworkActive(c, n),
        // Networks without a bridge of their own (hostdev, some drivers) report none.
        api.getNetworkBridgeName(c, n).catch((e: unknown) => (isNoSupport(e) ? null : Promise.reject(e))),
      ]);
      return { name: n.name, bridge: bridge || null, active };
    }),
  );
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function readPools(c: RpcCaller): Promise<{ pools: HostTopology['pools']; places: PoolPlace[] }> {
  const pools = await api.listAllStoragePools(c);
  const read = await Promise.all(
    pools.map(async (p) => {
      const [active, xml] = await Promise.all([api.isStoragePoolActive(c, p), api.getStoragePoolXml(c, p)]);
      const model = parsePool(xml);
      return { pool: { name: p.name, type: model.type, active }, place: { name: p.name, targetPath: model.targetPath } };
    }),
  );
  read.sort((a, b) => a.pool.name.localeCompare(b.pool.name));
  return { pools: read.map((r) => r.pool), places: read.map((r) => r.place) };
}

/** Running and paused machines come from two filtered listings (the daemon filters); the rest count as shut off. */
async function readStates(c: RpcCaller): Promise<Map<string, VmState>> {
  const [running, paused] = await Promise.all([
    api.listAllDomains(c, ListAllDomainsFlags.RUNNING),
    api.listAllDomains(c, ListAllDomainsFlags.PAUSED),
  ]);
  const states = new Map<string, VmState>();
  for (const d of running) states.set(uuidToString(d.uuid), 'running');
  for (const d of paused) states.set(uuidToString(d.uuid), 'paused');
  return states;
}

export async function readHostTopology(c: RpcCaller, connectionId: string): Promise<HostTopology> {
  const [networks, { pools, places }, doms, states] = await Promise.all([
    readNetworks(c),
    readPools(c),
    api.listAllDomains(c),
    readStates(c),
  ]);
  const machines = await mapConcurrent(doms, XML_CONCURRENCY, async (d): Promise<TopologyMachine | null> => {
    let xml: string;
    try {
      xml = await api.getDomainXml(c, d);
    } catch (e) {
      if (isNoDomain(e)) return null;
      throw e;
    }
    const uuid = uuidToString(d.uuid);
    return { uuid, name: d.name, state: states.get(uuid) ?? 'shutoff', ...wireMachine(parseDomain(xml), places) };
  });
  return {
    connectionId,
    networks,
    pools,
    machines: machines.filter((m): m is TopologyMachine => m !== null).sort((a, b) => a.name.localeCompare(b.name)),
    error: null,
  };
}
