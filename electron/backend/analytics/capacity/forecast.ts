/**
 * analytics.forecast: one series' history from the store, a chunked fit
 * (forecast-run.ts), the forecast with its interval. The history looked at
 * is four times the horizon, at least a day and at most 90 days: the
 * 1-minute tier up to 7 days, the 15-minute tier beyond (history.ts).
 */
import type { z } from 'zod';
import type { ForecastInput, ForecastResult } from '../../../../shared/contract/analytics.js';
import { HOST_SERIES, hostSeriesKey, isHostSeries, VM_SERIES, vmSeriesKey } from '../../../../shared/contract/metrics-series.js';
import { AppError } from '../../errors.js';
import type { HistoryStore } from '../../monitoring/history/index.js';
import { forecastInChunks } from './forecast-run.js';
import { MIN_SAMPLES, readHistory } from './history.js';

const DAY = 86_400_000;
/** Most forecast steps returned (a chart's width, about). */
const MAX_STEPS = 2000;

export type ForecastQuery = z.output<typeof ForecastInput>;

export function seriesKeyOf(q: { connectionId: string; uuid?: string | undefined; series: ForecastQuery['series'] }): string {
  return isHostSeries(q.series) ? hostSeriesKey(q.connectionId, q.series) : vmSeriesKey(q.connectionId, q.uuid ?? '', q.series);
}

export function lookbackFor(horizonMs: number): number {
  return Math.min(90 * DAY, Math.max(DAY, 4 * horizonMs));
}

export async function forecastHistory(
  store: HistoryStore,
  q: ForecastQuery,
  now: number,
): Promise<Omit<ForecastResult, 'cached' | 'fittedAt'>> {
  const key = seriesKeyOf(q);
  const from = now - lookbackFor(q.horizonMs);
  const h = await readHistory(store, key, { from, to: now });
  if (h.t.length < MIN_SAMPLES)
    throw new AppError('not-found', `Not enough history of ${q.series} to forecast from (${h.t.length} points; at least ${MIN_SAMPLES}).`);
  // A horizon longer than MAX_STEPS of the history's step is forecast at a coarser step.
  const stepMs = Math.max(h.stepMs, Math.ceil(q.horizonMs / MAX_STEPS / h.stepMs) * h.stepMs);
  const horizon = Math.max(1, Math.ceil(q.horizonMs / stepMs));
  const f = await forecastInChunks(h.t, h.v, horizon, { stepMs, level: q.level });
  const unit = isHostSeries(q.series) ? HOST_SERIES[q.series].unit : VM_SERIES[q.series].unit;
  return {
    series: q.series,
    unit,
    basis: { tier: h.tier, stepMs, from: h.t[0]!, to: h.t[h.t.length - 1]!, samples: h.t.length },
    t: Array.from(f.times),
    mean: Array.from(f.mean),
    low: Array.from(f.low),
    high: Array.from(f.high),
    level: f.level,
    model: {
      trend: f.model.spec.trend,
      period: f.model.spec.period,
      robust: f.model.spec.robust,
      checkMae: Number.isFinite(f.model.checkMae) ? f.model.checkMae : null,
    },
  };
}
