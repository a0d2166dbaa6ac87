/** The Analytics feature's query keys and queryOptions (analytics.*). */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AnomalyRecord } from '../../../shared/contract/analytics';
import type { SeriesName } from '../../../shared/contract/metrics-series';
import { invoke } from '../../api/client';

/** What an anomaly list is about: everything, a host, a machine, one series; and how far back (ms). */
export interface AnomalyFilter {
  connectionId?: string;
  uuid?: string;
  series?: SeriesName;
  /** Only records of the last `backMs` (read at fetch time). */
  backMs?: number;
  limit?: number;
}

export const analyticsKeys = {
  all: ['analytics'] as const,
  anomaliesAll: ['analytics', 'anomalies'] as const,
  anomalies: (f: AnomalyFilter) => ['analytics', 'anomalies', f] as const,
  status: ['analytics', 'status'] as const,
  capacity: ['analytics', 'capacity'] as const,
  rightsize: ['analytics', 'rightsize'] as const,
  forecast: (connectionId: string, uuid: string | undefined, series: SeriesName, horizonMs: number) =>
    ['analytics', 'forecast', connectionId, uuid ?? 'host', series, horizonMs] as const,
};

/** Whether a record belongs in a list with this filter (the live events are sorted in by it). */
export function matchesFilter(r: AnomalyRecord, f: AnomalyFilter): boolean {
  if (f.connectionId !== undefined && r.connectionId !== f.connectionId) return false;
  // A host's list (connectionId, no uuid, host series) is told apart by the series' prefix.
  if (f.uuid !== undefined && r.uuid !== f.uuid) return false;
  if (f.series !== undefined && r.series !== f.series) return false;
  return true;
}

export const analyticsQueries = {
  /** Flagged points, newest first; kept current by anomaly.detected (cache-sync.ts). */
  anomalies: (f: AnomalyFilter) =>
    queryOptions({
      queryKey: analyticsKeys.anomalies(f),
      queryFn: () =>
        invoke('analytics.anomalies', {
          connectionId: f.connectionId,
          uuid: f.uuid,
          series: f.series,
          since: f.backMs ? Date.now() - f.backMs : undefined,
          limit: f.limit ?? 500,
        }),
      staleTime: 60_000,
      refetchInterval: 5 * 60_000,
      placeholderData: keepPreviousData,
    }),
  status: () => queryOptions({ queryKey: analyticsKeys.status, queryFn: () => invoke('analytics.status', {}), refetchInterval: 5_000 }),
  capacity: () =>
    queryOptions({
      queryKey: analyticsKeys.capacity,
      queryFn: () => invoke('analytics.capacity', {}),
      // Sooner while the history is still too short for some row (a host just connected).
      refetchInterval: (q) =>
        !q.state.data || q.state.data.items.some((i) => i.status !== 'ok') || q.state.data.items.length === 0 ? 10_000 : 60_000,
    }),
  rightsize: () =>
    queryOptions({ queryKey: analyticsKeys.rightsize, queryFn: () => invoke('analytics.rightsize', {}), refetchInterval: 5 * 60_000 }),
  forecast: (connectionId: string, uuid: string | undefined, series: SeriesName, horizonMs: number) =>
    queryOptions({
      queryKey: analyticsKeys.forecast(connectionId, uuid, series, horizonMs),
      queryFn: () => invoke('analytics.forecast', { connectionId, uuid, series, horizonMs }),
      staleTime: 120_000,
      refetchInterval: 300_000,
      retry: false,
    }),
};
