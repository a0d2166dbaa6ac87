/** Query keys and options of the Storage area: every host's pools, one pool's volumes, a host's pool types. */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from '../../api/client';

export const storageKeys = {
  all: ['storage'] as const,
  pools: ['storage', 'pools'] as const,
  volumesOf: (connectionId: string) => ['storage', 'volumes', connectionId] as const,
  volumes: (connectionId: string, pool: string) => ['storage', 'volumes', connectionId, pool] as const,
  capabilities: (connectionId: string) => ['storage', 'capabilities', connectionId] as const,
};

/** Changes made elsewhere (virsh, another console) show up within this; NovaCron's own through storage.changed at once. */
const POLL_MS = 30_000;

export const storageQueries = {
  pools: () => queryOptions({ queryKey: storageKeys.pools, queryFn: () => invoke('storage.pools', {}), refetchInterval: POLL_MS }),
  volumes: (connectionId: string, pool: string) =>
    queryOptions({
      queryKey: storageKeys.volumes(connectionId, pool),
      queryFn: () => invoke('storage.volumes', { connectionId, pool }),
      // Opening a pool re-reads it (the backend refreshes the pool too): files added on the host show up.
      staleTime: 0,
      refetchInterval: POLL_MS,
    }),
  capabilities: (connectionId: string) =>
    queryOptions({
      queryKey: storageKeys.capabilities(connectionId),
      queryFn: () => invoke('storage.capabilities', { connectionId }),
      staleTime: 5 * 60_000,
    }),
};
