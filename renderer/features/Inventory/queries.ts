/** Every machine's tags and note (inventory.list over all hosts), kept fresh by inventory.* events. */
import { queryOptions } from '@tanstack/react-query';
import type { InventoryEntry } from '../../../shared/contract/inventory';
import { invoke } from '../../api/client';

export const inventoryKeys = { list: ['inventory', 'list'] as const };

export const inventoryQueries = {
  list: () => queryOptions({ queryKey: inventoryKeys.list, queryFn: () => invoke('inventory.list', {}), staleTime: 30_000 }),
};

export const inventoryKey = (e: { connectionId: string; uuid: string }) => `${e.connectionId}/${e.uuid}`;

/** Entries by "<connectionId>/<uuid>". */
export function byMachine(list: readonly InventoryEntry[]): Map<string, InventoryEntry> {
  return new Map(list.map((e) => [inventoryKey(e), e]));
}
