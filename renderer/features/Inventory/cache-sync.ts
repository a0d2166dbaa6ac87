/** inventory.changed edits the cached list in place; inventory.invalidated re-reads it. */
import type { QueryClient } from '@tanstack/react-query';
import type { InventoryEntry } from '../../../shared/contract/inventory';
import { defineCacheSync } from '../../api/cache-sync';
import { inventoryKey, inventoryKeys } from './queries';

interface InventoryBatch {
  changed: Map<string, InventoryEntry>;
  invalidated: boolean;
}

export function upsertEntries(client: QueryClient, entries: Iterable<InventoryEntry>): void {
  const list = client.getQueryData<InventoryEntry[]>(inventoryKeys.list);
  if (!list) return;
  const byKey = new Map(list.map((e) => [inventoryKey(e), e]));
  for (const e of entries) byKey.set(inventoryKey(e), e);
  client.setQueryData(inventoryKeys.list, [...byKey.values()]);
}

export const inventoryCacheSync = defineCacheSync<InventoryBatch>({
  batch: () => ({ changed: new Map(), invalidated: false }),
  on: {
    'inventory.changed': (b, e) => {
      b.changed.set(inventoryKey(e), e);
    },
    'inventory.invalidated': (b) => {
      b.invalidated = true;
    },
  },
  flush: (client, b) => {
    upsertEntries(client, b.changed.values());
    if (b.invalidated) void client.invalidateQueries({ queryKey: inventoryKeys.list });
  },
});
