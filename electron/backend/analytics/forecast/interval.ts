/**
 * Prediction intervals from the model's own multi-step errors on the
 * training data (the empirical method of Williams & Goodman, "A simple
 * method for the construction of empirical confidence limits for economic
 * forecasts", JASA 1971; FPP3 5.5). From origins spread over the training
 * data the fitted filter forecasts up to the horizon; for each step ahead h
 * the interval is the forecast plus the outer quantiles of the errors seen
 * at h. This needs no normal errors and no trust in the model's variance
 * formula: heavy tails, skew, level shifts and spikes that happened in
 * training widen the interval as much as they cost there.
 *
 * Where a step has too few errors (h close to the length of the data), the
 * last well-sampled step's quantiles are stretched by the model's variance
 * growth (ets.ts). Series that sit on a few discrete levels (idle CPU at
 * exactly 0.066%) get their interval ends moved outward onto a level the
 * series has taken when one is very near, so rounding alone does not leave
 * the level outside.
 */
import { growVariance, traceErrors } from './ets.js';
import type { FittedModel } from './fit.js';

/** Aim for this many origins over the data. */
const ORIGINS = 400;
/** Fewer errors than this at a step: extrapolate from a better-sampled step. */
const MIN_ERRORS = 30;
/** Snap an end onto a seen value within this share of the interval's width. */
const SNAP_SHARE = 0.1;

export interface Band {
  readonly low: Float64Array;
  readonly high: Float64Array;
}

/** Lower and upper error quantiles for steps 1..horizon. */
export function measureErrorQuantiles(y: ArrayLike<number>, model: FittedModel, horizon: number, level: number): Band {
  const stride = Math.max(1, Math.floor((y.length - model.skip) / ORIGINS));
  const errors = traceErrors(y, model.spec, model.params, model.start, horizon, stride, model.skip);
  const tail = (1 - level) / 2;
  const low = new Float64Array(horizon);
  const high = new Float64Array(horizon);
  let last = -1;
  for (let h = 0; h < horizon; h++) {
    const e = errors[h] ?? [];
    if (e.length < MIN_ERRORS) continue;
    e.sort((a, b) => a - b);
    // The outer order statistics: the interval errs on the wide side.
    low[h] = e[Math.floor(tail * (e.length - 1))] ?? 0;
    high[h] = e[Math.ceil((1 - tail) * (e.length - 1))] ?? 0;
    last = h;
  }
  fillUnsampled(low, high, last, model);
  return { low, high };
}

/** Steps without enough errors: the nearest sampled step's quantiles times the model's growth. */
function fillUnsampled(low: Float64Array, high: Float64Array, last: number, model: FittedModel): void {
  const horizon = low.length;
  const growth = growVariance(model.spec, model.params, horizon);
  if (last < 0) {
    // No step was sampled (very short data): normal quantiles of the one-step sigma.
    for (let h = 0; h < horizon; h++) {
      const sd = model.sigma * Math.sqrt(growth[h] ?? 1);
      low[h] = -1.2816 * sd;
      high[h] = 1.2816 * sd;
    }
    return;
  }
  const base = growth[last] ?? 1;
  for (let h = last + 1; h < horizon; h++) {
    const stretch = Math.sqrt((growth[h] ?? base) / base);
    low[h] = (low[last] ?? 0) * stretch;
    high[h] = (high[last] ?? 0) * stretch;
  }
}

/** Moves each end outward onto a value in `seen` (sorted) when one lies very close. */
export function snapToSeen(low: Float64Array, high: Float64Array, seen: Float64Array): void {
  // Rounding noise of the arithmetic, relative to the size of the values.
  const eps = 1e-9 * Math.max(Math.abs(seen[0] ?? 0), Math.abs(seen[seen.length - 1] ?? 0));
  for (let h = 0; h < low.length; h++) {
    const a = low[h] ?? 0;
    const b = high[h] ?? 0;
    const reach = Math.max(SNAP_SHARE * Math.max(b - a, 0), eps);
    const below = findNearest(seen, a, true);
    if (below !== undefined && a - below <= reach) low[h] = below;
    const above = findNearest(seen, b, false);
    if (above !== undefined && above - b <= reach) high[h] = above;
  }
}

/** The value of sorted s nearest x on one side: the largest at or below x (below), else the smallest at or above it. */
function findNearest(s: Float64Array, x: number, below: boolean): number | undefined {
  let lo = 0;
  let hi = s.length - 1;
  let found: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = s[mid] ?? 0;
    const onSide = below ? v <= x : v >= x;
    if (onSide) found = v;
    // on the wanted side: look on for a nearer one (right for below, left for above); else back towards x
    if (onSide === below) lo = mid + 1;
    else hi = mid - 1;
  }
  return found;
}
