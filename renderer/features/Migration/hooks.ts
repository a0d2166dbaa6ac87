/** The Migration feature's reads from other features' caches: a job by id, the hosts a machine may go to, where a machine went. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ComboboxItem } from '@mantine/core';
import type { Job } from '../../../shared/contract/jobs';
import type { Connection } from '../../../shared/types';
import { invoke } from '../../api';
import { connectionQueries } from '../Connections/queries';
import { applyJobs } from '../Jobs/cache-sync';
import { jobQueries } from '../Jobs/queries';

/** One job from the Jobs cache (kept fresh by job.changed), or undefined before it is there. */
export function useJob(id: string | null): Job | undefined {
  const jobs = useQuery({ ...jobQueries.list(), enabled: id !== null, select: (list: Job[]) => list.find((j) => j.id === id) });
  return jobs.data;
}

/** Several jobs by id, in the order given. */
export function useJobs(ids: readonly string[]): Map<string, Job> {
  const jobs = useQuery({ ...jobQueries.list(), enabled: ids.length > 0 });
  const want = new Set(ids);
  return new Map((jobs.data ?? []).filter((j) => want.has(j.id)).map((j) => [j.id, j]));
}

/** Why a host cannot take a machine now, or null when it can. */
export function targetProblem(c: Connection): string | null {
  if (c.state !== 'connected') return 'not connected';
  if (c.maintenance) return 'in maintenance';
  if (c.readOnly) return 'read-only';
  return null;
}

/** The connected hosts other than `exclude`, as select items: one in maintenance (or read-only) is shown, disabled, with why. */
export function useTargetHosts(exclude: readonly string[]): { items: ComboboxItem[]; hosts: Connection[]; isPending: boolean } {
  const connections = useQuery(connectionQueries.list());
  const hosts = (connections.data ?? []).filter((c) => c.state === 'connected' && !exclude.includes(c.id));
  const items = hosts.map((c) => {
    const problem = targetProblem(c);
    return { value: c.id, label: problem ? `${c.name} — ${problem}` : c.name, disabled: problem !== null };
  });
  return { items, hosts, isPending: connections.isPending };
}

/** A connection's name from the cached list. */
export function useConnectionName(id: string | null | undefined): string | undefined {
  const connections = useQuery(connectionQueries.list());
  return id ? connections.data?.find((c) => c.id === id)?.name : undefined;
}

/** Where a machine went from this host: the latest succeeded migration job of it, if any. */
export function useMovedTo(connectionId: string, uuid: string): { targetConnectionId: string; job: Job } | null {
  const jobs = useQuery(jobQueries.list());
  const job = (jobs.data ?? []).find(
    (j) =>
      j.kind === 'migrate' &&
      j.state === 'succeeded' &&
      j.connectionId === connectionId &&
      j.subject.uuid.toLowerCase() === uuid.toLowerCase() &&
      typeof j.result?.targetConnectionId === 'string',
  );
  return job ? { targetConnectionId: String(job.result?.targetConnectionId), job } : null;
}

/** jobs.cancel, its answer into the Jobs cache. */
export function useCancelJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => invoke('jobs.cancel', { id }),
    onSuccess: (j) => applyJobs(client, [j]),
  });
}
