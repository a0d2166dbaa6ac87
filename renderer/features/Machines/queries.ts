/**
 * The Machines feature's query keys and queryOptions. Keys are hierarchical
 * so its cache sync reaches every cached list at once.
 */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from '../../api/client';

/** A VM list's scope: one connection, or every connected host. */
export type VmScope = string | 'all';

export const vmKeys = {
  lists: ['vms', 'list'] as const,
  list: (scope: VmScope) => ['vms', 'list', scope] as const,
  details: ['vms', 'detail'] as const,
  detail: (connectionId: string, uuid: string) => ['vms', 'detail', connectionId, uuid] as const,
};

export const vmQueries = {
  list: (scope: VmScope = 'all') =>
    queryOptions({
      queryKey: vmKeys.list(scope),
      queryFn: () => invoke('vms.list', scope === 'all' ? {} : { connectionId: scope }),
    }),
  detail: (connectionId: string, uuid: string) =>
    queryOptions({
      queryKey: vmKeys.detail(connectionId, uuid),
      queryFn: () => invoke('vms.get', { connectionId, uuid }),
    }),
};

/** The scope stored in a VM list key (see vmKeys.list). */
export function scopeOfVmListKey(key: readonly unknown[]): VmScope | undefined {
  const scope = key[2];
  return typeof scope === 'string' ? scope : undefined;
}

/** Rows and caches are keyed by host and UUID: two hosts may both have a "web1". */
export const vmKey = (v: { connectionId: string; uuid: string }): string => `${v.connectionId}/${v.uuid}`;
