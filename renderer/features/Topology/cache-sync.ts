/**
 * Keeps the map's wiring current: a machine that appears (defined elsewhere, a
 * clone, a migration) or goes, a host re-read, or a network or pool changed
 * makes the wiring be read again. A mere state change does not: the map takes
 * states from the live Machines list.
 */
import type { HostTopology } from '../../../shared/contract/topology';
import { defineCacheSync } from '../../api/cache-sync';
import { topologyKeys } from './queries';

interface TopologyBatch {
  /** Machines seen in vm.changed, by `${connectionId}/${uuid}`: stale only if the map lacks one. */
  seen: Set<string>;
  stale: boolean;
}

export const topologyCacheSync = defineCacheSync<TopologyBatch>({
  batch: () => ({ seen: new Set(), stale: false }),
  on: {
    'vm.changed': (b, vm) => {
      b.seen.add(`${vm.connectionId}/${vm.uuid}`);
    },
    'vm.removed': (b) => {
      b.stale = true;
    },
    'vms.invalidated': (b) => {
      b.stale = true;
    },
    'networks.changed': (b) => {
      b.stale = true;
    },
    'storage.changed': (b) => {
      b.stale = true;
    },
  },
  flush: (client, b) => {
    const hosts = client.getQueryData<HostTopology[]>(topologyKeys.all);
    if (!hosts) return;
    let stale = b.stale;
    if (!stale && b.seen.size > 0) {
      const known = new Set(hosts.flatMap((h) => h.machines.map((m) => `${h.connectionId}/${m.uuid}`)));
      stale = [...b.seen].some((k) => !known.has(k));
    }
    if (stale) void client.invalidateQueries({ queryKey: topologyKeys.all });
  },
});
