/**
 * The machines with a NIC on a network: a running machine by its live
 * definition (what is plugged in now), any other by the one its next boot uses.
 * Read per domain, so only the detail view and a delete ask for it.
 */
import type { AttachedMachine } from '../../../shared/contract/networks.js';
import type { VmState } from '../../../shared/types.js';
import { api, DomainState, DomainXmlFlags, isNoDomain, uuidToString, type Dom, type RpcCaller } from '../../libvirt/index.js';
import { mapConcurrent } from '../util/concurrency.js';
import { parseDomain } from '../xml/index.js';

// Indexed by virDomainState, as in vms/read.ts.
const STATES: readonly VmState[] = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed', 'pmsuspended'];

async function onNetwork(c: RpcCaller, dom: Dom, network: string): Promise<AttachedMachine | null> {
  try {
    const { state } = await api.getDomainInfo(c, dom);
    const live = state !== DomainState.SHUTOFF;
    const model = parseDomain(await api.getDomainXml(c, dom, live ? 0 : DomainXmlFlags.INACTIVE));
    const macs = model.interfaces
      .filter((n) => n.type === 'network' && n.source.network === network)
      .map((n) => n.mac?.toLowerCase() ?? '')
      .filter((m) => m !== '');
    const attached = model.interfaces.some((n) => n.type === 'network' && n.source.network === network);
    return attached ? { uuid: uuidToString(dom.uuid), name: dom.name, state: STATES[state] ?? 'nostate', macs } : null;
  } catch (e) {
    if (isNoDomain(e)) return null; // gone since the listing
    throw e;
  }
}

export async function listAttachedMachines(c: RpcCaller, network: string): Promise<AttachedMachine[]> {
  const doms = await api.listAllDomains(c);
  const found = await mapConcurrent(doms, 16, (d) => onNetwork(c, d, network));
  return found.filter((m): m is AttachedMachine => m !== null).sort((a, b) => a.name.localeCompare(b.name));
}

/** Running in the sense that matters for a delete: the machine's NIC is plugged into the bridge now. */
export const isLive = (m: AttachedMachine) => m.state !== 'shutoff' && m.state !== 'nostate' && m.state !== 'crashed';
