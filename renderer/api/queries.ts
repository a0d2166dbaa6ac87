/**
 * Query keys and queryOptions factories, one group per resource. Keys are
 * hierarchical so the event listener can reach every cached list at once.
 */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from './client';

/** A VM list's scope: one connection, or every connected host. */
export type VmScope = string | 'all';

export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  connections: ['connections', 'list'] as const,
  vmLists: ['vms', 'list'] as const,
  vmList: (scope: VmScope) => ['vms', 'list', scope] as const,
  vmDetails: ['vms', 'detail'] as const,
  vmDetail: (connectionId: string, uuid: string) => ['vms', 'detail', connectionId, uuid] as const,
};

export const appQueries = {
  info: () =>
    queryOptions({
      queryKey: queryKeys.appInfo,
      queryFn: () => invoke('app.info', {}),
      staleTime: Infinity,
    }),
};

export const connectionQueries = {
  list: () =>
    queryOptions({
      queryKey: queryKeys.connections,
      queryFn: () => invoke('connections.list', {}),
    }),
};

export const vmQueries = {
  list: (scope: VmScope = 'all') =>
    queryOptions({
      queryKey: queryKeys.vmList(scope),
      queryFn: () => invoke('vms.list', scope === 'all' ? {} : { connectionId: scope }),
    }),
  detail: (connectionId: string, uuid: string) =>
    queryOptions({
      queryKey: queryKeys.vmDetail(connectionId, uuid),
      queryFn: () => invoke('vms.get', { connectionId, uuid }),
    }),
};

/** The scope stored in a VM list key (see queryKeys.vmList). */
export function scopeOfVmListKey(key: readonly unknown[]): VmScope | undefined {
  const scope = key[2];
  return typeof scope === 'string' ? scope : undefined;
}
