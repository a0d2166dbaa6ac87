/** The Monitoring feature's query keys and queryOptions (metrics.*). */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { SeriesName } from '../../../shared/contract/metrics-series';
import { invoke } from '../../api/client';

export type RangeId = 'live' | '1h' | '24h' | '7d' | '90d';

export const RANGES: readonly { id: RangeId; label: string; ms: number }[] = [
  { id: 'live', label: 'Live', ms: 5 * 60_000 },
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '24h', label: '24 h', ms: 86_400_000 },
  { id: '7d', label: '7 d', ms: 7 * 86_400_000 },
  { id: '90d', label: '90 d', ms: 90 * 86_400_000 },
];

export const rangeMs = (id: RangeId): number => RANGES.find((r) => r.id === id)?.ms ?? 3_600_000;

export const metricsKeys = {
  all: ['metrics'] as const,
  now: ['metrics', 'now'] as const,
  series: (connectionId: string, uuid: string | undefined, series: SeriesName, range: RangeId, maxPoints: number) =>
    ['metrics', 'series', connectionId, uuid ?? 'host', series, range, maxPoints] as const,
  heatmap: (rangeMs: number) => ['metrics', 'heatmap', rangeMs] as const,
  settings: ['metrics', 'settings'] as const,
  usage: ['metrics', 'usage'] as const,
};

export const metricsQueries = {
  /** The latest values of every machine and host; kept current by the sweeps (cache-sync.ts). */
  now: () =>
    queryOptions({
      queryKey: metricsKeys.now,
      queryFn: () => invoke('metrics.now', {}),
      staleTime: Infinity,
    }),
  /** One series over a range, at most `maxPoints` points (the chart's width in pixels). */
  series: (connectionId: string, uuid: string | undefined, series: SeriesName, range: RangeId, maxPoints: number) =>
    queryOptions({
      queryKey: metricsKeys.series(connectionId, uuid, series, range, maxPoints),
      queryFn: () => {
        const to = Date.now();
        return invoke('metrics.query', { connectionId, uuid, series, from: to - rangeMs(range), to, maxPoints });
      },
      // The live range is read once and then extended by the sweeps.
      staleTime: range === 'live' ? Infinity : range === '1h' ? 30_000 : 120_000,
      refetchInterval: range === '1h' ? 60_000 : range === 'live' ? false : 300_000,
      gcTime: range === 'live' ? 0 : 5 * 60_000,
      placeholderData: keepPreviousData,
    }),
  heatmap: (rangeMs: number, buckets: number, limit: number) =>
    queryOptions({
      queryKey: [...metricsKeys.heatmap(rangeMs), buckets, limit],
      queryFn: () => {
        const to = Date.now();
        return invoke('metrics.heatmap', { from: to - rangeMs, to, buckets, limit });
      },
      // Sooner while nothing has been measured yet (a host just connected).
      refetchInterval: (q) => (q.state.data?.rows.length ? 30_000 : 5_000),
      placeholderData: keepPreviousData,
    }),
  settings: () => queryOptions({ queryKey: metricsKeys.settings, queryFn: () => invoke('metrics.settings', {}) }),
  usage: () => queryOptions({ queryKey: metricsKeys.usage, queryFn: () => invoke('metrics.usage', {}), refetchInterval: 30_000 }),
};
