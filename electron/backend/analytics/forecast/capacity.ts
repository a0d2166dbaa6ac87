/**
 * Days until a series reaches a limit (memory, CPU, a pool's allocation),
 * with an interval, read off the forecast: `days` is when the mean forecast
 * first reaches the limit, `low` when the upper end of the interval does
 * (the earliest plausible date) and `high` when the lower end does (the
 * latest). Infinity means "not within the horizon looked at". An undamped
 * trend is among the candidates here: a pool that fills steadily keeps
 * filling, and a damped trend would flatten out before reaching the limit.
 */
import { forecastSeries, type Forecast, type ForecastOptions } from './forecast.js';

const DAY_MS = 86_400_000;
/** Never forecast more steps than this (a year at a 5-minute step is 105,120). */
const MAX_STEPS = 120_000;

export interface SeriesInput {
  /** Sample times (ms since the epoch), oldest first; repeats and gaps are fine. */
  readonly t: ArrayLike<number>;
  readonly v: ArrayLike<number>;
}

export interface DaysUntil {
  /** Days from the last sample until the mean forecast reaches the limit. */
  readonly days: number;
  /** Earliest (the interval's far end reaches the limit). */
  readonly low: number;
  /** Latest (the interval's near end reaches the limit). */
  readonly high: number;
  readonly forecast: Forecast;
}

export interface DaysUntilOptions extends ForecastOptions {
  /** How far ahead to look (default 365 days). */
  maxDays?: number;
}

export function daysUntil(series: SeriesInput, limit: number, options: DaysUntilOptions = {}): DaysUntil {
  const times = series.t;
  if (times.length < 2) throw new Error('daysUntil needs at least two samples');
  const span = Math.max(1, (times[times.length - 1] ?? 0) - (times[0] ?? 0));
  const stepMs = options.stepMs ?? estimateStep(times, span);
  const maxDays = options.maxDays ?? 365;
  const horizon = Math.max(1, Math.min(MAX_STEPS, Math.ceil((maxDays * DAY_MS) / stepMs)));
  const forecast = forecastSeries(times, series.v, horizon, {
    trends: ['none', 'damped', 'linear'],
    ...options,
    stepMs,
  });
  const last = series.v[series.v.length - 1] ?? 0;
  // Rising towards a limit above, or falling towards one below (free space running out).
  const rising = limit >= last;
  const toDays = (h: number): number => (Number.isFinite(h) ? (h * stepMs) / DAY_MS : Infinity);
  const mean = toDays(findCrossing(forecast.mean, limit, rising));
  const early = toDays(findCrossing(rising ? forecast.high : forecast.low, limit, rising));
  const late = toDays(findCrossing(rising ? forecast.low : forecast.high, limit, rising));
  return { days: mean, low: Math.min(early, mean), high: Math.max(late, mean), forecast };
}

/** Steps ahead (1-based) at which a path first reaches the limit; Infinity if it never does. */
export function findCrossing(path: ArrayLike<number>, limit: number, rising: boolean): number {
  for (let i = 0; i < path.length; i++) {
    const v = path[i] ?? 0;
    if (rising ? v >= limit : v <= limit) return i + 1;
  }
  return Infinity;
}

/** The series' most common spacing, coarsened so the data holds at most ~5000 steps (keeps long looks cheap). */
function estimateStep(times: ArrayLike<number>, span: number): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let step = span;
  let seen = 0;
  for (const [gap, n] of counts) if (n > seen) [step, seen] = [gap, n];
  const factor = Math.max(1, Math.ceil(span / step / 5000));
  return step * factor;
}
