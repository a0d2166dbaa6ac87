/**
 * Analytics over the monitoring data: anomalies found live by the streaming
 * detector, forecasts with intervals, capacity (days until full) and
 * right-sizing suggestions. Nothing here changes a machine: a suggestion
 * carries the call (method and input) that the views run through the normal
 * actions, with their confirmation and audit log.
 */
import { z } from 'zod';
import { method } from './define.js';
import { id, uuid } from './fields.js';
import { SeriesName } from './metrics.js';

const epochMs = z.number().int().min(0).max(8.64e15);

/** One flagged point of one series: the detector judged this 1-minute mean unusual for this subject. */
export const AnomalyRecord = z.object({
  /** Start of the minute the flagged mean covers (ms since the epoch): the chart mark's position. */
  t: z.number(),
  connectionId: z.string(),
  /** The machine; absent for a host series. */
  uuid: z.string().optional(),
  /** The machine's (or host's) name when it was flagged. */
  name: z.string(),
  series: SeriesName,
  /** The detector's score in [0, 1]; flagged at or above `threshold`. */
  score: z.number(),
  threshold: z.number(),
  /** The value that was scored (the minute's mean, in the series' unit). */
  value: z.number(),
  /** Width of the scored bucket (ms): what one point of the detector stands for. */
  stepMs: z.number(),
});
export type AnomalyRecord = z.infer<typeof AnomalyRecord>;

export const AnomaliesQuery = z.object({
  since: epochMs.optional(),
  until: epochMs.optional(),
  connectionId: id.optional(),
  uuid: uuid.optional(),
  series: SeriesName.optional(),
  limit: z.number().int().min(1).max(10_000).default(1000),
});
export type AnomaliesQuery = z.input<typeof AnomaliesQuery>;

export const AnalyticsStatus = z.object({
  /** 'worker': scored on the detector's thread; 'in-process': the worker script was not found (running from sources). */
  mode: z.enum(['worker', 'in-process', 'off']),
  /** Series with a detector now. */
  series: z.number(),
  /** Scored points and the batches / points dropped because the detector was behind. */
  scoredPoints: z.number(),
  queuedBatches: z.number(),
  droppedBatches: z.number(),
  droppedPoints: z.number(),
  /** Anomalies kept in the feed. */
  anomalies: z.number(),
  /** Bucket the detector is fed (ms). */
  stepMs: z.number(),
  lastBatchMs: z.number().optional(),
  lastError: z.string().optional(),
});
export type AnalyticsStatus = z.infer<typeof AnalyticsStatus>;

export const ForecastInput = z
  .object({
    connectionId: id,
    uuid: uuid.optional(),
    series: SeriesName,
    /** How far ahead, ms (1 minute to a year). */
    horizonMs: z
      .number()
      .int()
      .min(60_000)
      .max(365 * 86_400_000),
    /** Central coverage of the interval (default 0.8). */
    level: z.number().min(0.5).max(0.99).default(0.8),
  })
  .refine((q) => (q.uuid === undefined) === q.series.startsWith('host_'), {
    message: 'host series take no uuid, machine series need one',
    path: ['series'],
  });

export const ForecastResult = z.object({
  series: SeriesName,
  unit: z.string(),
  /** The history the model was fitted on: its tier, step and span. */
  basis: z.object({ tier: z.enum(['raw', '1m', '15m']), stepMs: z.number(), from: z.number(), to: z.number(), samples: z.number() }),
  /** Forecast steps: times and the mean with its interval. */
  t: z.array(z.number()),
  mean: z.array(z.number()),
  low: z.array(z.number()),
  high: z.array(z.number()),
  level: z.number(),
  model: z.object({
    trend: z.enum(['none', 'damped', 'linear']),
    period: z.number(),
    robust: z.boolean(),
    checkMae: z.number().nullable(),
  }),
  /** When it was fitted; a cached fit is reused for a few minutes. */
  fittedAt: z.number(),
  cached: z.boolean(),
});
export type ForecastResult = z.infer<typeof ForecastResult>;

/** Days until a resource is full; null = not within the year looked at (or not enough history). */
export const CapacityItem = z.object({
  kind: z.enum(['host-memory', 'host-cpu', 'pool']),
  connectionId: z.string(),
  host: z.string(),
  pool: z.string().optional(),
  /** What the row is about, e.g. "Memory of lab" or "Pool default on lab". */
  label: z.string(),
  unit: z.string(),
  /** Latest value and the limit it fills towards (same unit). */
  current: z.number(),
  limit: z.number(),
  fillPct: z.number(),
  days: z.number().nullable(),
  /** Earliest and latest plausible day (the interval's ends reaching the limit). */
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** 'ok', or why no forecast could be made. */
  status: z.enum(['ok', 'insufficient-history']),
  basis: z.object({
    key: z.string(),
    tier: z.enum(['raw', '1m', '15m']),
    stepMs: z.number(),
    from: z.number(),
    to: z.number(),
    samples: z.number(),
  }),
});
export type CapacityItem = z.infer<typeof CapacityItem>;

export const CapacityReport = z.object({
  at: z.number(),
  /** Ranked: what fills first comes first; rows with no date follow, fullest first. */
  items: z.array(CapacityItem),
});
export type CapacityReport = z.infer<typeof CapacityReport>;

/** The call a suggestion would make, for the views to run through the normal actions. */
export const SuggestedAction = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('vms.setResources'),
    input: z.object({
      connectionId: z.string(),
      uuid: z.string(),
      vcpus: z.number().int().optional(),
      memoryKiB: z.number().int().optional(),
      mode: z.literal('config'),
    }),
  }),
  z.object({
    method: z.literal('vms.act'),
    input: z.object({ connectionId: z.string(), uuid: z.string(), action: z.literal('shutdown') }),
  }),
]);
export type SuggestedAction = z.infer<typeof SuggestedAction>;

/** What a machine suggestion rests on: percentiles of the 1-minute means over the window. */
export const UsageBasis = z.object({
  from: z.number(),
  to: z.number(),
  /** 1-minute means behind the CPU percentiles. */
  samples: z.number(),
  cpuP50: z.number().nullable(),
  cpuP95: z.number().nullable(),
  memP95: z.number().nullable(),
  /** p95 of received + sent bytes/s. */
  netP95Bps: z.number().nullable(),
  vcpus: z.number(),
  memoryKiB: z.number(),
});
export type UsageBasis = z.infer<typeof UsageBasis>;

export const MachineSuggestion = z.object({
  kind: z.enum(['fewer-vcpus', 'more-vcpus', 'less-memory', 'more-memory', 'idle']),
  connectionId: z.string(),
  uuid: z.string(),
  name: z.string(),
  /** One sentence: what and why, with the figures. */
  reason: z.string(),
  basis: UsageBasis,
  action: SuggestedAction,
});
export type MachineSuggestion = z.infer<typeof MachineSuggestion>;

export const ConsolidationMove = z.object({
  uuid: z.string(),
  name: z.string(),
  memoryKiB: z.number(),
  to: z.string(),
  toName: z.string(),
});

/** A host whose running machines all fit on the others (greedy first-fit by memory, largest first). */
export const ConsolidationSuggestion = z.object({
  connectionId: z.string(),
  host: z.string(),
  reason: z.string(),
  moves: z.array(ConsolidationMove),
  /** Memory kept free on every receiving host, % of its total. */
  headroomPct: z.number(),
});
export type ConsolidationSuggestion = z.infer<typeof ConsolidationSuggestion>;

export const RightsizeInput = z.object({
  /** A machine is idle after this many days under the idle floors (default 3). */
  idleDays: z.number().min(0.01).max(30).default(3),
  /** Network below this (received + sent, p95 of 1-minute means) counts as idle (default 2 KiB/s). */
  idleNetBps: z.number().min(0).default(2048),
  /** Memory kept free on a receiving host when consolidating (default 20%). */
  headroomPct: z.number().min(0).max(90).default(20),
});

export const RightsizeReport = z.object({
  at: z.number(),
  windowMs: z.number(),
  machines: z.array(MachineSuggestion),
  consolidation: z.array(ConsolidationSuggestion),
  /** The rules the suggestions follow, in words (for the view's "based on" note). */
  rules: z.array(z.string()),
});
export type RightsizeReport = z.infer<typeof RightsizeReport>;

export const analyticsMethods = {
  /** Flagged points, newest first: the anomaly feed, and the charts' marks (by subject and time range). */
  'analytics.anomalies': method(AnomaliesQuery, z.array(AnomalyRecord)),
  'analytics.status': method(z.object({}), AnalyticsStatus),
  'analytics.forecast': method(ForecastInput, ForecastResult),
  'analytics.capacity': method(z.object({}), CapacityReport),
  'analytics.rightsize': method(RightsizeInput, RightsizeReport),
} as const;

export const analyticsEvents = {
  /** The detector flagged a point (see AnomalyRecord). */
  'anomaly.detected': AnomalyRecord,
} as const;

export const analyticsContract = { methods: analyticsMethods, events: analyticsEvents };
