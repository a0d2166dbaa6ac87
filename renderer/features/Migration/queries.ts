/** The Migration feature's query keys and queryOptions: a migration's plan and a host's evacuation plan (both change nothing). */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from '../../api/client';

export const migrationKeys = {
  all: ['migration'] as const,
  plan: (connectionId: string, uuid: string, targetConnectionId: string) =>
    ['migration', 'plan', connectionId, uuid, targetConnectionId] as const,
  evacuation: (connectionId: string, targets: readonly { uuid: string; targetConnectionId: string }[]) =>
    ['migration', 'evacuation', connectionId, targets] as const,
};

export const migrationQueries = {
  plan: (connectionId: string, uuid: string, targetConnectionId: string) =>
    queryOptions({
      queryKey: migrationKeys.plan(connectionId, uuid, targetConnectionId),
      queryFn: () => invoke('migration.plan', { connectionId, uuid, targetConnectionId }),
      // Free memory and the target's networks change: a plan is read fresh each time it is shown.
      staleTime: 0,
      gcTime: 30_000,
    }),
  evacuation: (connectionId: string, targets: readonly { uuid: string; targetConnectionId: string }[]) =>
    queryOptions({
      queryKey: migrationKeys.evacuation(connectionId, targets),
      queryFn: () => invoke('hosts.evacuationPlan', { connectionId, targets: [...targets] }),
      staleTime: 0,
      gcTime: 30_000,
    }),
};
