/** Reading domains into the contract's Vm shape. */
import type { Vm, VmState } from '../../../shared/types.js';
import { api, DomainState, isNoDomain, ListAllDomainsFlags, uuidToString, type Dom, type RpcCaller } from '../../libvirt/index.js';
import { mapConcurrent } from '../util/concurrency.js';

// Indexed by virDomainState.
const STATES: readonly VmState[] = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed', 'pmsuspended'];

/**
 * Calls in flight per connection while listing. libvirtd works on a few calls
 * per client at once and leaves the rest in the socket, so this mostly hides
 * round-trip time. Measured on the 1,000-domain test host (GET_INFO x 1,000):
 * unix socket ~125 ms one at a time, ~55 ms at 8+; over SSH ~45 s one at a
 * time (each reply waits ~45 ms), ~400 ms at 32, ~120 ms at 256.
 */
const LIST_CONCURRENCY = 256;

export function toVm(connectionId: string, dom: Dom, info: api.DomainInfo, persistent: boolean, autostart: boolean): Vm {
  return {
    connectionId,
    uuid: uuidToString(dom.uuid),
    name: dom.name,
    // The Dom from a list can predate a start or stop; the state from the info is current.
    id: info.state === DomainState.SHUTOFF ? -1 : dom.id,
    state: STATES[info.state] ?? 'nostate',
    vcpus: info.vcpus,
    memoryKiB: Number(info.memoryKiB),
    maxMemoryKiB: Number(info.maxMemKiB),
    persistent,
    autostart,
  };
}

/** One domain, fresh: three calls sent together. */
export async function readVm(c: RpcCaller, connectionId: string, dom: Dom): Promise<Vm> {
  const [info, persistent, autostart] = await Promise.all([
    api.getDomainInfo(c, dom),
    api.isDomainPersistent(c, dom),
    api.getDomainAutostart(c, dom),
  ]);
  return toVm(connectionId, dom, info, persistent, autostart);
}

const key = (d: Dom) => uuidToString(d.uuid);

/**
 * Every domain of a host. Persistence and autostart come from two filtered
 * listings (the daemon filters, one call each) instead of two calls per
 * domain; only the info is read per domain, pipelined.
 */
export async function listVms(c: RpcCaller, connectionId: string): Promise<Vm[]> {
  const [all, persistent, autostart] = await Promise.all([
    api.listAllDomains(c),
    api.listAllDomains(c, ListAllDomainsFlags.PERSISTENT),
    api.listAllDomains(c, ListAllDomainsFlags.AUTOSTART),
  ]);
  const persistentSet = new Set(persistent.map(key));
  const autostartSet = new Set(autostart.map(key));
  const vms = await mapConcurrent(all, LIST_CONCURRENCY, async (dom) => {
    try {
      const info = await api.getDomainInfo(c, dom);
      return toVm(connectionId, dom, info, persistentSet.has(key(dom)), autostartSet.has(key(dom)));
    } catch (e) {
      if (isNoDomain(e)) return null; // a transient domain that stopped since the listing
      throw e;
    }
  });
  return vms.filter((v): v is Vm => v !== null);
}
