/** storage.changed: the pools list re-reads, and so do the volumes of the pool that changed (all of its host's when unnamed). */
import { defineCacheSync } from '../../api/cache-sync';
import { storageKeys } from './queries';

interface Batch {
  pools: Map<string, Set<string> | 'all'>;
}

export const storageCacheSync = defineCacheSync<Batch>({
  batch: () => ({ pools: new Map() }),
  on: {
    'storage.changed': (b, e) => {
      const seen = b.pools.get(e.connectionId);
      if (!e.pool) b.pools.set(e.connectionId, 'all');
      else if (seen !== 'all') b.pools.set(e.connectionId, (seen ?? new Set()).add(e.pool));
    },
  },
  flush: (client, b) => {
    void client.invalidateQueries({ queryKey: storageKeys.pools });
    for (const [connectionId, pools] of b.pools) {
      if (pools === 'all') void client.invalidateQueries({ queryKey: storageKeys.volumesOf(connectionId) });
      else for (const p of pools) void client.invalidateQueries({ queryKey: storageKeys.volumes(connectionId, p) });
    }
  },
});
