/**
 * The machine page's caches from events: a machine's details and XML re-read
 * when its row changes (only if a page holds them), its snapshot tree when
 * snapshots.changed says so, and both dropped when it is removed.
 */
import type { QueryClient } from '@tanstack/react-query';
import { defineCacheSync } from '../../api/cache-sync';
import { detailKeys } from './queries';

interface DetailBatch {
  changed: Map<string, { connectionId: string; uuid: string }>;
  snapshots: Map<string, { connectionId: string; uuid: string }>;
}

const k = (r: { connectionId: string; uuid: string }) => `${r.connectionId}/${r.uuid}`;

function flush(client: QueryClient, b: DetailBatch): void {
  for (const r of b.changed.values()) {
    const key = detailKeys.details(r.connectionId, r.uuid);
    // Only machines whose page is (or was recently) open: the table's events cost nothing here.
    if (client.getQueryState(key)) {
      void client.invalidateQueries({ queryKey: key });
      void client.invalidateQueries({ queryKey: detailKeys.xmlOf(r.connectionId, r.uuid) });
    }
  }
  for (const r of b.snapshots.values()) void client.invalidateQueries({ queryKey: detailKeys.snapshots(r.connectionId, r.uuid) });
}

export const machineDetailCacheSync = defineCacheSync<DetailBatch>({
  batch: () => ({ changed: new Map(), snapshots: new Map() }),
  on: {
    'vm.changed': (b, vm) => {
      b.changed.set(k(vm), vm);
    },
    'snapshots.changed': (b, r) => {
      b.snapshots.set(k(r), r);
    },
  },
  flush,
});
