/** The Topology feature's query: every connected host's wiring (topology.get). */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from '../../api/client';

export const topologyKeys = { all: ['topology'] as const };

export const topologyQueries = {
  all: () =>
    queryOptions({
      queryKey: topologyKeys.all,
      queryFn: () => invoke('topology.get', {}),
      // Wiring changes through events (see cache-sync.ts), not by the clock.
      staleTime: 60_000,
    }),
};
