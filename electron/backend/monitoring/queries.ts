/** metrics.query and metrics.heatmap over the history store. */
import type { z } from 'zod';
import type { MetricsPoints, MetricsQueryInput } from '../../../shared/contract/metrics.js';
import { HOST_SERIES, hostSeriesKey, isHostSeries, VM_SERIES, vmSeriesKey } from '../../../shared/contract/metrics-series.js';
import type { HistoryStore } from './history/index.js';
import type { LatestValues } from './latest.js';

/** The step that gives at most `maxPoints` buckets over the range, never finer than one sweep. */
export function stepFor(from: number, to: number, maxPoints: number, intervalMs: number): number {
  return Math.max(intervalMs, Math.ceil((to - from) / maxPoints));
}

export async function queryMetrics(store: HistoryStore, q: z.output<typeof MetricsQueryInput>, intervalMs: number): Promise<MetricsPoints> {
  const key = isHostSeries(q.series) ? hostSeriesKey(q.connectionId, q.series) : vmSeriesKey(q.connectionId, q.uuid ?? '', q.series);
  const unit = isHostSeries(q.series) ? HOST_SERIES[q.series].unit : VM_SERIES[q.series].unit;
  const r = await store.query(key, q.from, q.to, stepFor(q.from, q.to, q.maxPoints, intervalMs));
  return { series: q.series, unit, tier: r.tier, stepMs: r.stepMs, t: r.t, min: r.min, avg: r.avg, max: r.max };
}

export interface Heatmap {
  t: number[];
  rows: { connectionId: string; uuid: string; name: string; cpu: (number | null)[] }[];
}

/** The `limit` machines busiest now, each as its average CPU % per bucket over the range (null where no sample). */
export async function queryHeatmap(
  store: HistoryStore,
  latest: LatestValues,
  q: { from: number; to: number; buckets: number; limit: number },
  intervalMs: number,
): Promise<Heatmap> {
  const step = stepFor(q.from, q.to, q.buckets, intervalMs);
  const start = Math.floor(q.from / step) * step;
  const t = Array.from({ length: Math.ceil((q.to - start) / step) }, (_, i) => start + i * step);
  const busiest = latest
    .vms()
    .filter((v) => v.values.cpu_pct !== undefined)
    .sort((a, b) => (b.values.cpu_pct ?? 0) - (a.values.cpu_pct ?? 0))
    .slice(0, q.limit);
  const rows = await Promise.all(
    busiest.map(async (v) => {
      const r = await store.query(vmSeriesKey(v.connectionId, v.uuid, 'cpu_pct'), q.from, q.to, step);
      const cpu: (number | null)[] = t.map(() => null);
      r.t.forEach((ts, i) => {
        const b = Math.floor((ts - start) / step);
        if (b >= 0 && b < cpu.length) cpu[b] = r.avg[i]!;
      });
      return { connectionId: v.connectionId, uuid: v.uuid, name: v.name, cpu };
    }),
  );
  return { t, rows };
}
