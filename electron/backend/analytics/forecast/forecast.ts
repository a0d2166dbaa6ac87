/**
 * Forecasting one series with prediction intervals.
 *
 * Why our own module: the WebAssembly build of augurs (MSTL + ETS) was the
 * library option, but it cost ~128 ms per series warm and would add a
 * dependency; exponential smoothing is a few hundred lines, has no native or
 * downloaded parts, and lets us choose models by how they forecast far
 * ahead rather than one step ahead.
 *
 * The recipe ("Forecasting: Principles and Practice", Hyndman &
 * Athanasopoulos, 3rd ed., ch. 5 and 8):
 *  1. put the series on a regular grid (grid.ts);
 *  2. find candidate seasonal periods (season.ts);
 *  3. fit a family of ETS models (no or damped trend by default, with or
 *     without each season; plain, robust, or robust and fitted for far
 *     forecasts) to the training data (fit.ts);
 *  4. choose the one with the smallest mean absolute error on a
 *     rolling-origin check inside the training data: refit on the data
 *     before an origin, forecast what follows it at the horizon asked for,
 *     from three origins (FPP3 5.10, "time series cross-validation");
 *  5. intervals from the chosen model's in-sample multi-step errors
 *     (interval.ts).
 * Nothing after the last point given is ever read.
 */
import { projectMeans, type EtsParams, type ModelSpec, type TrendKind } from './ets.js';
import { fitModel } from './fit.js';
import { resampleToGrid } from './grid.js';
import { measureErrorQuantiles, snapToSeen } from './interval.js';
import { detectPeriods } from './season.js';

export interface ForecastOptions {
  /** Grid step (ms); by default the most common spacing of the times. */
  stepMs?: number;
  /** Central coverage of the interval (default 0.8). */
  level?: number;
  /** Trend kinds to choose among (default none and damped; add 'linear' for steady growth). */
  trends?: TrendKind[];
  /** Models to choose from; overrides `trends`. */
  candidates?: ModelSpec[];
}

export interface ModelReport {
  readonly spec: ModelSpec;
  readonly params: EtsParams;
  /** One-step error RMS of the final fit. */
  readonly sigma: number;
  /** Mean absolute error of the chosen model on the rolling-origin check (NaN without a check). */
  readonly checkMae: number;
  /** How many candidates the check compared. */
  readonly candidates: number;
}

export interface Forecast {
  readonly stepMs: number;
  /** Time of each forecast step: one step after the last point, and so on (grid units for forecastGrid). */
  readonly times: Float64Array;
  readonly mean: Float64Array;
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly level: number;
  readonly model: ModelReport;
}

/** Below this many points before an origin, no check is run from it. */
const MIN_CHECK_POINTS = 16;
const DEFAULT_TRENDS: TrendKind[] = ['none', 'damped'];
const FALLBACK: ModelSpec = { trend: 'none', period: 0, robust: true };

/** Forecasts `horizon` steps after the last of (times, values), times in ms. */
export function forecastSeries(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  horizon: number,
  options: ForecastOptions = {},
): Forecast {
  const grid = resampleToGrid(times, values, options.stepMs);
  const last = grid.startMs + (grid.values.length - 1) * grid.stepMs;
  const result = forecastGrid(grid.values, grid.stepMs, horizon, options);
  const stamped = Float64Array.from({ length: horizon }, (_, i) => last + (i + 1) * grid.stepMs);
  return { ...result, times: stamped };
}

/** Forecasts `horizon` steps after the end of a regular series y (one value per stepMs). */
export function forecastGrid(y: Float64Array, stepMs: number, horizon: number, options: ForecastOptions = {}): Forecast {
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error('horizon must be a whole number of steps, at least 1');
  if (y.length === 0) throw new Error('nothing to forecast from');
  const level = options.level ?? 0.8;
  const aim = Math.min(horizon, Math.floor(y.length / 4));
  const candidates = options.candidates ?? listCandidates(detectPeriods(y, stepMs), options.trends ?? DEFAULT_TRENDS, aim);
  const checked = candidates
    .map((spec) => checkCandidate(y, spec, horizon))
    .filter((c): c is CheckedModel => c !== undefined)
    .sort((a, b) => a.mae - b.mae);
  const choice = checked[0];
  const fitted = fitModel(y, choice?.spec ?? FALLBACK);
  const mean = projectMeans(fitted.spec, fitted.params, fitted.state, horizon);
  const band = measureErrorQuantiles(y, fitted, horizon, level);
  const low = mean.map((m, h) => m + (band.low[h] ?? 0));
  const high = mean.map((m, h) => m + (band.high[h] ?? 0));
  snapToSeen(low, high, Float64Array.from(y).sort());
  return {
    stepMs,
    times: Float64Array.from({ length: horizon }, (_, i) => y.length + i),
    mean,
    low,
    high,
    level,
    model: {
      spec: fitted.spec,
      params: fitted.params,
      sigma: fitted.sigma,
      checkMae: choice?.mae ?? Number.NaN,
      candidates: checked.length,
    },
  };
}

/** Each trend kind, with each period or none: plain, robust, and (given an aim) robust fitted for the aim. */
export function listCandidates(periods: number[], trends: TrendKind[] = DEFAULT_TRENDS, aim = 0): ModelSpec[] {
  const out: ModelSpec[] = [];
  for (const period of [0, ...periods]) {
    for (const trend of trends) {
      out.push({ trend, period, robust: false }, { trend, period, robust: true });
      if (aim > 1) out.push({ trend, period, robust: true, aim });
    }
  }
  return out;
}

interface CheckedModel {
  spec: ModelSpec;
  /** Mean absolute error over the checked steps. */
  mae: number;
}

/**
 * Origins of the rolling-origin check: with V the horizon (at most a quarter
 * of the data), at n-V, n-1.5V and n-2V, each forecasting V steps, all
 * inside the data. Origins too early to fit anything are left out.
 */
export function chooseOrigins(n: number, horizon: number): { origins: number[]; span: number } {
  const span = Math.min(horizon, Math.floor(n / 4));
  if (span < 1) return { origins: [], span };
  const origins = [n - span, n - Math.round(1.5 * span), n - 2 * span].filter((o) => o >= MIN_CHECK_POINTS);
  return { origins, span };
}

/** Runs the check for one model; undefined if the model needs more data than an origin has. */
function checkCandidate(y: Float64Array, spec: ModelSpec, horizon: number): CheckedModel | undefined {
  const { origins, span } = chooseOrigins(y.length, horizon);
  if (origins.length === 0) return undefined;
  let sum = 0;
  let count = 0;
  for (const origin of origins) {
    if (origin < 2 * spec.period) return undefined;
    const fitted = fitModel(y.subarray(0, origin), spec);
    const steps = Math.min(span, y.length - origin);
    const mean = projectMeans(spec, fitted.params, fitted.state, steps);
    for (let h = 0; h < steps; h++) sum += Math.abs((y[origin + h] ?? 0) - (mean[h] ?? 0));
    count += steps;
  }
  return { spec, mae: count > 0 ? sum / count : Infinity };
}
