/**
 * job.changed into the cached jobs list (edited in place, newest first). A
 * finished job re-reads its machine's details; a clone someone asked to open
 * opens when it succeeds.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Job } from '../../../shared/contract/jobs';
import { defineCacheSync } from '../../api/cache-sync';
import { go, machinePath } from '../../app/paths';
import { detailKeys, refreshMachine } from '../MachineDetail/queries';
import { jobKeys } from './queries';

/** Job ids whose created machine should open once the job succeeds (a clone started from its dialog). */
const openWhenDone = new Set<string>();
export function openResultWhenDone(jobId: string): void {
  openWhenDone.add(jobId);
}

export function mergeJobs(list: readonly Job[], changed: Iterable<Job>): Job[] {
  const byId = new Map(list.map((j) => [j.id, j]));
  for (const j of changed) byId.set(j.id, j);
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt);
}

/** Settles a job's aftermath: the machine re-read, the created machine opened if asked. */
export function jobFinished(client: QueryClient, job: Job): void {
  refreshMachine(client, job.connectionId, job.subject.uuid);
  if (job.kind === 'snapshot') void client.invalidateQueries({ queryKey: detailKeys.snapshots(job.connectionId, job.subject.uuid) });
  if (openWhenDone.has(job.id)) {
    openWhenDone.delete(job.id);
    const uuid = job.result?.uuid;
    if (job.state === 'succeeded' && typeof uuid === 'string') go(machinePath(job.connectionId, uuid));
  }
}

export function applyJobs(client: QueryClient, changed: Iterable<Job>): void {
  const jobs = [...changed];
  const list = client.getQueryData<Job[]>(jobKeys.list);
  const before = new Map((list ?? []).map((j) => [j.id, j]));
  client.setQueryData<Job[]>(jobKeys.list, mergeJobs(list ?? [], jobs));
  for (const j of jobs) if (j.state !== 'running' && before.get(j.id)?.state !== j.state) jobFinished(client, j);
}

export const jobsCacheSync = defineCacheSync<Map<string, Job>>({
  batch: () => new Map(),
  on: {
    'job.changed': (b, job) => {
      b.set(job.id, job);
    },
  },
  flush: (client, b) => applyJobs(client, b.values()),
});
