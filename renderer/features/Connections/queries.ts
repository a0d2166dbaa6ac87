/** The Connections feature's query keys and queryOptions. */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from '../../api/client';

export const connectionKeys = {
  list: ['connections', 'list'] as const,
  localHost: ['connections', 'localHost'] as const,
};

export const connectionQueries = {
  list: () =>
    queryOptions({
      queryKey: connectionKeys.list,
      queryFn: () => invoke('connections.list', {}),
    }),
  /** The local hypervisor's socket, for the first-run "This machine" offer. */
  localHost: () =>
    queryOptions({
      queryKey: connectionKeys.localHost,
      queryFn: () => invoke('connections.localHost', {}),
      staleTime: 30_000,
    }),
};
