/** connection.* events into the connections list, edited in place. */
import type { QueryClient } from '@tanstack/react-query';
import type { Connection } from '../../../shared/types';
import { applyNow, defineCacheSync } from '../../api/cache-sync';
import { connectionKeys } from './queries';

interface ConnectionBatch {
  changed: Map<string, Connection>;
  removed: Set<string>;
}

function flush(client: QueryClient, batch: ConnectionBatch): void {
  const before = client.getQueryData<Connection[]>(connectionKeys.list);
  if (before) {
    const seen = new Set<string>();
    const next = before
      .filter((c) => !batch.removed.has(c.id))
      .map((c) => {
        seen.add(c.id);
        return batch.changed.get(c.id) ?? c;
      });
    for (const c of batch.changed.values()) if (!seen.has(c.id)) next.push(c);
    client.setQueryData(connectionKeys.list, next);
  }
  // Whether "This machine" is added may have changed.
  void client.invalidateQueries({ queryKey: connectionKeys.localHost });
}

export const connectionsCacheSync = defineCacheSync<ConnectionBatch>({
  batch: () => ({ changed: new Map(), removed: new Set() }),
  on: {
    'connection.changed': (b, c) => {
      b.changed.set(c.id, c);
      b.removed.delete(c.id);
    },
    'connection.removed': (b, { id }) => {
      b.changed.delete(id);
      b.removed.add(id);
    },
  },
  flush,
});

/** A mutation's answer, written to the cache the way its event would be. */
export const upsertConnectionInCache = (client: QueryClient, c: Connection) =>
  applyNow(connectionsCacheSync, client, 'connection.changed', c);
export const removeConnectionFromCache = (client: QueryClient, id: string) =>
  applyNow(connectionsCacheSync, client, 'connection.removed', { id });
