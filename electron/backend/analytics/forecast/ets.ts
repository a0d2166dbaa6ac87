/**
 * Exponential smoothing in its state-space, additive-error form (Hyndman,
 * Koehler, Ord & Snyder, "Forecasting with Exponential Smoothing", 2008;
 * Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed.,
 * ch. 8). With forecast f = l + phi*b + s[t-m] and error e = y - f:
 *
 *   l <- l + phi*b + alpha*e      (level)
 *   b <- phi*b + beta*e           (trend; phi < 1 damps it, phi = 1 is Holt's)
 *   s[t] <- s[t-m] + gamma*e      (additive season of period m)
 *
 * The robust variant (after Gelper, Fried & Croux, "Robust forecasting with
 * exponential and Holt-Winters smoothing", J. Forecasting 2010) clips the
 * error fed to the updates at k times a running error scale, so one spike
 * barely moves the level while a lasting shift still pulls it over a few
 * steps.
 */

export type TrendKind = 'none' | 'damped' | 'linear';

export interface ModelSpec {
  readonly trend: TrendKind;
  /** Seasonal period in steps; 0 for none. */
  readonly period: number;
  readonly robust: boolean;
  /** Fit for forecasts this many steps ahead too (0 or absent: one step ahead only). */
  readonly aim?: number;
}

export interface EtsParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
}

export interface EtsState {
  level: number;
  trend: number;
  /** Seasonal offsets as a ring; `phase` is the slot of the next step. */
  readonly season: Float64Array;
  phase: number;
  /** Running error scale of the robust variant. */
  scale: number;
}

export interface FilterResult {
  readonly state: EtsState;
  /** Sum of squared one-step errors (what the plain fit minimises). */
  readonly sse: number;
  /** Sum of absolute one-step errors (what the robust fit minimises). */
  readonly sae: number;
  readonly count: number;
}

/** Clip at this many running error scales (Gelper et al. use 2). */
const CLIP_K = 2;
/** Forgetting rate of the running error scale. */
const SCALE_RATE = 0.05;
/** E[min(|z|, 2)] for a standard normal z: turns the clipped mean into a sigma. */
const CLIPPED_MEAN = 0.7768;

export function copyState(s: EtsState): EtsState {
  return { level: s.level, trend: s.trend, season: Float64Array.from(s.season), phase: s.phase, scale: s.scale };
}

/**
 * Runs the filter over y from a starting state (copied, not changed), from
 * index `from` on. Errors of the first `skip` steps are left out of the sums
 * (the start-up, while the state settles).
 */
export function runFilter(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: EtsParams,
  start: EtsState,
  skip = 0,
  residuals?: Float64Array,
): FilterResult {
  const st = copyState(start);
  const m = spec.period;
  const phi = spec.trend === 'none' ? 0 : spec.trend === 'linear' ? 1 : p.phi;
  const beta = spec.trend === 'none' ? 0 : p.beta;
  const gamma = m > 1 ? p.gamma : 0;
  const floor = st.scale * 1e-3;
  let { level, trend, phase, scale } = st;
  const season = st.season;
  let sse = 0;
  let sae = 0;
  let count = 0;
  for (let t = 0; t < y.length; t++) {
    const s = m > 1 ? (season[phase] ?? 0) : 0;
    const f = level + phi * trend + s;
    const e = (y[t] ?? 0) - f;
    if (residuals) residuals[t] = e;
    if (t >= skip) {
      sse += e * e;
      sae += Math.abs(e);
      count++;
    }
    let u = e;
    if (spec.robust) {
      const lim = CLIP_K * scale;
      u = e > lim ? lim : e < -lim ? -lim : e;
      scale = Math.max(floor, (1 - SCALE_RATE) * scale + (SCALE_RATE * Math.abs(u)) / CLIPPED_MEAN);
    }
    level = level + phi * trend + p.alpha * u;
    trend = phi * trend + beta * u;
    if (m > 1) {
      season[phase] = s + gamma * u;
      phase = phase + 1 === m ? 0 : phase + 1;
    }
  }
  st.level = level;
  st.trend = trend;
  st.phase = phase;
  st.scale = scale;
  return { state: st, sse, sae, count };
}

/** Sum phi + phi^2 + ... + phi^h: how much of today's trend h steps carry. */
export function sumDamping(phi: number, h: number): number {
  if (phi === 1) return h;
  if (phi === 0) return 0;
  return (phi * (1 - phi ** h)) / (1 - phi);
}

/** Mean forecasts for steps 1..horizon after the state. */
export function projectMeans(spec: ModelSpec, p: EtsParams, st: EtsState, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  const m = spec.period;
  const phi = spec.trend === 'none' ? 0 : spec.trend === 'linear' ? 1 : p.phi;
  let carried = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= phi;
    carried += power;
    const s = m > 1 ? (st.season[(st.phase + h - 1) % m] ?? 0) : 0;
    out[h - 1] = st.level + carried * st.trend + s;
  }
  return out;
}

/**
 * How the forecast variance grows, as a multiple of the one-step variance:
 * v_h = 1 + sum_{j<h} c_j^2 with c_j = alpha + beta*(phi + ... + phi^j) + gamma*[j mod m = 0]
 * (the class-1 formulas of Hyndman et al. 2008, table 6.1).
 */
export function growVariance(spec: ModelSpec, p: EtsParams, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  const m = spec.period;
  const phi = spec.trend === 'none' ? 0 : spec.trend === 'linear' ? 1 : p.phi;
  const beta = spec.trend === 'none' ? 0 : p.beta;
  const gamma = m > 1 ? p.gamma : 0;
  let v = 1;
  let carried = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    out[h - 1] = v;
    power *= phi;
    carried += power;
    const c = p.alpha + beta * carried + (m > 1 && h % m === 0 ? gamma : 0);
    v += c * c;
  }
  return out;
}

/**
 * In-sample errors of the h-step forecasts, h = 1..horizon, made from
 * origins every `stride` steps after `skip`: errors[h-1] lists y[o+h-1]
 * minus the forecast made just before o. One pass of the filter, with the
 * forecast paths read off the state at each origin.
 */
export function traceErrors(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: EtsParams,
  start: EtsState,
  horizon: number,
  stride: number,
  skip: number,
): number[][] {
  const errors: number[][] = Array.from({ length: horizon }, () => []);
  const n = y.length;
  let from = 0;
  let st = copyState(start);
  for (let o = skip; o < n; o += stride) {
    st = runFilter(sliceOf(y, from, o), spec, p, st).state;
    from = o;
    const steps = Math.min(horizon, n - o);
    const path = projectMeans(spec, p, st, steps);
    for (let h = 0; h < steps; h++) errors[h]?.push((y[o + h] ?? 0) - (path[h] ?? 0));
  }
  return errors;
}

function sliceOf(y: ArrayLike<number>, a: number, b: number): ArrayLike<number> {
  if (y instanceof Float64Array) return y.subarray(a, b);
  return Array.from({ length: b - a }, (_, i) => y[a + i] ?? 0);
}

/**
 * Mean absolute error of the forecasts made `ahead` steps before each
 * point (each listed horizon, pooled), one pass of the filter: the
 * criterion of a fit that aims at far forecasts rather than the next step
 * (multi-step estimation, as in Taieb & Atiya, "A bias and variance
 * analysis for multistep-ahead time series forecasting", IEEE TNNLS 2016).
 */
export function scoreAhead(y: ArrayLike<number>, spec: ModelSpec, p: EtsParams, start: EtsState, ahead: number[], skip: number): number {
  const st = copyState(start);
  const m = spec.period;
  const phi = spec.trend === 'none' ? 0 : spec.trend === 'linear' ? 1 : p.phi;
  const beta = spec.trend === 'none' ? 0 : p.beta;
  const gamma = m > 1 ? p.gamma : 0;
  const carried = ahead.map((k) => sumDamping(phi, k));
  const floor = st.scale * 1e-3;
  let { level, trend, phase, scale } = st;
  const season = st.season;
  let sum = 0;
  let count = 0;
  const n = y.length;
  for (let t = 0; t < n; t++) {
    if (t >= skip) {
      for (let j = 0; j < ahead.length; j++) {
        const k = ahead[j] ?? 1;
        if (t + k - 1 >= n) continue;
        const s = m > 1 ? (season[(phase + k - 1) % m] ?? 0) : 0;
        sum += Math.abs((y[t + k - 1] ?? 0) - (level + (carried[j] ?? 0) * trend + s));
        count++;
      }
    }
    const s = m > 1 ? (season[phase] ?? 0) : 0;
    const e = (y[t] ?? 0) - (level + phi * trend + s);
    let u = e;
    if (spec.robust) {
      const lim = CLIP_K * scale;
      u = e > lim ? lim : e < -lim ? -lim : e;
      scale = Math.max(floor, (1 - SCALE_RATE) * scale + (SCALE_RATE * Math.abs(u)) / CLIPPED_MEAN);
    }
    level = level + phi * trend + p.alpha * u;
    trend = phi * trend + beta * u;
    if (m > 1) {
      season[phase] = s + gamma * u;
      phase = phase + 1 === m ? 0 : phase + 1;
    }
  }
  return count > 0 ? sum / count : 0;
}
