/**
 * metrics.sweep events into the live store (sparklines, live charts) and into
 * the cached `metrics.now` (dashboard), the last sweep of each host winning
 * within a flush. Machines and hosts that go away leave the store.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { MethodOutput } from '../../../shared/api';
import { defineCacheSync } from '../../api/cache-sync';
import { liveStoreOf, type SweepPayload } from './live-store';
import { metricsKeys } from './queries';

type Now = MethodOutput<'metrics.now'>;

interface MetricsBatch {
  /** Every sweep, in order: the live charts append each one. */
  sweeps: SweepPayload[];
  removedVms: { connectionId: string; uuid: string }[];
  removedHosts: Set<string>;
}

/** The cached latest values with each swept host's part replaced. */
export function mergeNow(now: Now, sweeps: readonly SweepPayload[]): Now {
  const last = new Map<string, SweepPayload>();
  for (const s of sweeps) last.set(s.host.connectionId, s);
  const vms = now.vms.filter((v) => !last.has(v.connectionId));
  const hosts = now.hosts.filter((h) => !last.has(h.connectionId));
  for (const s of last.values()) {
    vms.push(...s.vms);
    hosts.push(s.host);
  }
  return { vms, hosts };
}

function flush(client: QueryClient, batch: MetricsBatch): void {
  const live = liveStoreOf(client);
  for (const s of batch.sweeps) live.ingest(s);
  for (const v of batch.removedVms) live.forget(v.connectionId, v.uuid);
  for (const id of batch.removedHosts) live.forget(id);
  const now = client.getQueryData<Now>(metricsKeys.now);
  if (!now) return;
  let next = batch.sweeps.length > 0 ? mergeNow(now, batch.sweeps) : now;
  if (batch.removedHosts.size > 0 || batch.removedVms.length > 0) {
    const gone = new Set(batch.removedVms.map((v) => `${v.connectionId}/${v.uuid}`));
    next = {
      vms: next.vms.filter((v) => !batch.removedHosts.has(v.connectionId) && !gone.has(`${v.connectionId}/${v.uuid}`)),
      hosts: next.hosts.filter((h) => !batch.removedHosts.has(h.connectionId)),
    };
  }
  if (next !== now) client.setQueryData(metricsKeys.now, next);
}

export const monitoringCacheSync = defineCacheSync<MetricsBatch>({
  batch: () => ({ sweeps: [], removedVms: [], removedHosts: new Set() }),
  on: {
    'metrics.sweep': (b, sweep) => {
      b.sweeps.push(sweep);
    },
    'vm.removed': (b, ref) => {
      b.removedVms.push(ref);
    },
    'connection.removed': (b, { id }) => {
      b.removedHosts.add(id);
    },
    'connection.changed': (b, c) => {
      if (c.state !== 'connected') b.removedHosts.add(c.id);
    },
  },
  flush,
});
