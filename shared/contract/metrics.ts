/**
 * Monitoring: every machine and host measured all the time. History comes
 * from the backend's store (full resolution for the recent window, then 1 min
 * and 15 min roll-ups); the live feed is one event per host sweep.
 */
import { z } from 'zod';
import { method, mutation } from './define.js';
import { id, uuid } from './fields.js';
import { HOST_SERIES_NAMES, VM_SERIES_NAMES } from './metrics-series.js';

export const VmSeriesName = z.enum(VM_SERIES_NAMES);
export const HostSeriesName = z.enum(HOST_SERIES_NAMES);
export const SeriesName = z.union([VmSeriesName, HostSeriesName]);

const epochMs = z.number().int().min(0).max(8.64e15);

export const MetricsQueryInput = z
  .object({
    connectionId: id,
    /** A machine's UUID for its series; absent for the host's own series. */
    uuid: uuid.optional(),
    series: SeriesName,
    from: epochMs,
    to: epochMs,
    /** At most this many points come back (the chart's width in pixels): the store picks a tier and buckets to fit. */
    maxPoints: z.number().int().min(2).max(10_000).default(1000),
  })
  .refine((q) => q.to > q.from, { message: '"to" must be after "from"', path: ['to'] })
  .refine((q) => (q.uuid === undefined) === HOST_SERIES_NAMES.includes(q.series as never), {
    message: 'host series take no uuid, machine series need one',
    path: ['series'],
  });

/** Points oldest first; a bucket with no sample is left out (gaps show as gaps). */
export const MetricsPoints = z.object({
  series: SeriesName,
  unit: z.string(),
  /** The resolution the store answered from: 'raw' (each sweep), '1m' or '15m'. */
  tier: z.enum(['raw', '1m', '15m']),
  stepMs: z.number(),
  t: z.array(z.number()),
  min: z.array(z.number()),
  avg: z.array(z.number()),
  max: z.array(z.number()),
});
export type MetricsPoints = z.infer<typeof MetricsPoints>;

/** The latest derived values of one machine (only the series its last sweep gave). */
export const VmMetricsNow = z.object({
  connectionId: z.string(),
  uuid: z.string(),
  name: z.string(),
  t: z.number(),
  values: z.partialRecord(VmSeriesName, z.number()),
});
export type VmMetricsNow = z.infer<typeof VmMetricsNow>;

export const HostMetricsNow = z.object({
  connectionId: z.string(),
  t: z.number(),
  /** How long the host's last sweep took, ms. */
  sweepMs: z.number(),
  values: z.partialRecord(HostSeriesName, z.number()),
});
export type HostMetricsNow = z.infer<typeof HostMetricsNow>;

export const MetricsSettings = z.object({
  /** Sweep interval per host. */
  intervalMs: z.number().int().min(500).max(300_000),
  /** How long full-resolution samples stay in memory. */
  recentMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  retention1mDays: z.number().int().min(1).max(90),
  retention15mDays: z
    .number()
    .int()
    .min(7)
    .max(3 * 365),
});
export type MetricsSettings = z.infer<typeof MetricsSettings>;

export const MetricsUsage = z.object({
  memoryBytes: z.number(),
  diskBytes: z.number(),
  points: z.number(),
  series: z.number(),
  dir: z.string(),
});
export type MetricsUsage = z.infer<typeof MetricsUsage>;

export const metricsMethods = {
  'metrics.query': method(MetricsQueryInput, MetricsPoints),
  /** The latest values of every machine and host (dashboards, sparklines' first paint). */
  'metrics.now': method(z.object({}), z.object({ vms: z.array(VmMetricsNow), hosts: z.array(HostMetricsNow) })),
  /** Machines' average CPU % per time bucket, the busiest first: the fleet heatmap. */
  'metrics.heatmap': method(
    z.object({
      from: epochMs,
      to: epochMs,
      buckets: z.number().int().min(2).max(500).default(60),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    z.object({
      t: z.array(z.number()),
      rows: z.array(z.object({ connectionId: z.string(), uuid: z.string(), name: z.string(), cpu: z.array(z.number().nullable()) })),
    }),
  ),
  'metrics.settings': method(z.object({}), MetricsSettings),
  'metrics.updateSettings': mutation(MetricsSettings.partial(), MetricsSettings),
  'metrics.usage': method(z.object({}), MetricsUsage),
} as const;

export const metricsEvents = {
  /** One host's sweep: its own values and every machine's. */
  'metrics.sweep': z.object({ host: HostMetricsNow, vms: z.array(VmMetricsNow) }),
} as const;

export const metricsContract = { methods: metricsMethods, events: metricsEvents };
