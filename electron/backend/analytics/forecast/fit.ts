/**
 * Fitting one exponential-smoothing model to a gridded series: starting
 * states from the data (a season from per-phase medians, level and trend
 * from a line through the first cycles), then the smoothing parameters and
 * the starting level by minimising the one-step errors (squared for the
 * plain filter, absolute for the robust one; or, for a model that aims far,
 * the absolute errors of forecasts several steps ahead) with Nelder-Mead. Parameters
 * live in (0, 1) through a logistic map, with the usual restrictions
 * beta < alpha, gamma < 1 - alpha and damping phi in [0.8, 0.98]
 * (Hyndman & Athanasopoulos, FPP3 section 8.4).
 */
import { runFilter, scoreAhead, type EtsParams, type EtsState, type ModelSpec } from './ets.js';
import { minimizeSimplex } from './optimize.js';
import { estimateSeason, fitLine, medianOf } from './season.js';

export interface FittedModel {
  readonly spec: ModelSpec;
  readonly params: EtsParams;
  /** State after the last point: what forecasts start from. */
  readonly state: EtsState;
  /** State before the first point (to replay the fit). */
  readonly start: EtsState;
  /** Steps at the start left out of the fit's errors. */
  readonly skip: number;
  /** Root mean square of the one-step errors after the first cycle. */
  readonly sigma: number;
  /** Number of points fitted. */
  readonly n: number;
}

const ALPHA_MIN = 1e-3;
const ALPHA_MAX = 0.999;
const PHI_MIN = 0.8;
const PHI_MAX = 0.98;
/** Evaluation budget of one fit. */
const MAX_EVALUATIONS = 240;

const logistic = (u: number): number => 1 / (1 + Math.exp(-u));
const logit = (p: number): number => Math.log(p / (1 - p));

/** Unconstrained vector -> smoothing parameters (and the starting-level shift, in units of `spread`). */
function decodeParams(u: number[]): EtsParams {
  const alpha = ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * logistic(u[0] ?? 0);
  return {
    alpha,
    beta: alpha * logistic(u[1] ?? 0),
    gamma: (1 - alpha) * logistic(u[2] ?? 0),
    phi: PHI_MIN + (PHI_MAX - PHI_MIN) * logistic(u[3] ?? 0),
  };
}

/** Starting state: the season's shape, and a line through the deseasonalised first cycles. */
export function initialState(y: ArrayLike<number>, spec: ModelSpec): EtsState {
  const m = spec.period;
  const season = m > 1 ? estimateSeason(y, m) : new Float64Array(0);
  const span = Math.min(y.length, Math.max(2 * m, 24));
  const plain = Float64Array.from({ length: span }, (_, i) => (y[i] ?? 0) - (m > 1 ? (season[i % m] ?? 0) : 0));
  const line = spec.trend === 'none' ? { intercept: medianOf(Array.from(plain)), slope: 0 } : fitLine(plain);
  return {
    level: line.intercept - line.slope,
    trend: line.slope,
    season,
    phase: 0,
    scale: estimateNoise(y, season),
  };
}

/** A robust one-step noise scale: the MAD of first differences (deseasonalised), as a sigma. */
export function estimateNoise(y: ArrayLike<number>, season: Float64Array): number {
  const m = season.length;
  const diffs: number[] = [];
  let meanAbs = 0;
  for (let i = 1; i < y.length; i++) {
    const a = (y[i] ?? 0) - (m > 1 ? (season[i % m] ?? 0) : 0);
    const b = (y[i - 1] ?? 0) - (m > 1 ? (season[(i - 1) % m] ?? 0) : 0);
    diffs.push(Math.abs(a - b));
    meanAbs += Math.abs(a - b);
  }
  const mad = medianOf(diffs) / 0.6745 / Math.SQRT2;
  if (mad > 0) return mad;
  if (meanAbs > 0) return meanAbs / diffs.length;
  return 1e-9 * (1 + Math.abs(y[0] ?? 0));
}

/** Fits one model to y (all of it: pass only the training part). */
/** Which entries of the full vector [alpha, beta, gamma, phi, level shift] a model uses. */
function activeSlots(spec: ModelSpec): number[] {
  const slots = [0];
  if (spec.trend !== 'none') slots.push(1);
  if (spec.period > 1) slots.push(2);
  if (spec.trend === 'damped') slots.push(3);
  slots.push(4);
  return slots;
}

/** Fits one model to y (all of it: pass only the training part). */
export function fitModel(y: ArrayLike<number>, spec: ModelSpec): FittedModel {
  const start = initialState(y, spec);
  const spread = Math.max(start.scale, 1e-12);
  const skip = Math.min(Math.max(spec.period, 1), Math.floor(y.length / 4));
  const slots = activeSlots(spec);
  // A far-aiming fit scores the next step, a third of the aim and the aim itself.
  const aim = Math.min(spec.aim ?? 0, Math.floor(y.length / 2));
  const ahead = aim > 1 ? [1, Math.max(1, Math.round(aim / 3)), aim] : undefined;
  const full = [logit(0.2 / (ALPHA_MAX - ALPHA_MIN)), logit(0.1), logit(0.05), logit(0.5), 0];
  const expand = (u: number[]): number[] => {
    const x = full.slice();
    slots.forEach((slot, i) => (x[slot] = u[i] ?? 0));
    return x;
  };
  const shifted = (x: number[]): EtsState => ({ ...start, level: start.level + spread * (x[4] ?? 0) });
  const objective = (u: number[]): number => {
    const x = expand(u);
    if (ahead) return scoreAhead(y, spec, decodeParams(x), shifted(x), ahead, skip);
    const r = runFilter(y, spec, decodeParams(x), shifted(x), skip);
    return r.count === 0 ? 0 : spec.robust ? r.sae / r.count : r.sse / r.count;
  };
  const best = minimizeSimplex(
    objective,
    slots.map((slot) => full[slot] ?? 0),
    1.5,
    MAX_EVALUATIONS,
  );
  const x = expand(best.x);
  const params = decodeParams(x);
  const final = runFilter(y, spec, params, shifted(x), skip);
  const sigma = final.count > 0 ? Math.sqrt(final.sse / final.count) : 0;
  return { spec, params, state: final.state, start: shifted(x), skip, sigma, n: y.length };
}
