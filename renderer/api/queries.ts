/**
 * The app's own queries. Each feature owns its query keys and options in its
 * own queries.ts (features/Connections/queries.ts, features/Machines/queries.ts).
 */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from './client';

export const appKeys = {
  info: ['app', 'info'] as const,
};

export const appQueries = {
  info: () =>
    queryOptions({
      queryKey: appKeys.info,
      queryFn: () => invoke('app.info', {}),
      staleTime: Infinity,
    }),
};
