/**
 * Accuracy measures and the two baselines the forecaster is judged against.
 *
 * MASE (Hyndman & Koehler, "Another look at measures of forecast accuracy",
 * 2006): the mean absolute error over the holdout divided by the in-sample
 * mean absolute error of the one-step seasonal-naive forecast,
 * scale = mean over t = m..n-1 of |y_t - y_{t-m}| on the training grid.
 * The same scale divides every method's error on a series, so the ratio of
 * two methods' MASE is the ratio of their holdout MAE.
 */

/** Mean absolute error of forecasts against actual values (pairs by index). */
export function meanAbsoluteError(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  if (actual.length !== forecast.length) throw new Error('actual and forecast differ in length');
  if (actual.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs((actual[i] ?? 0) - (forecast[i] ?? 0));
  return sum / actual.length;
}

/** The MASE scale: in-sample MAE of the one-step seasonal-naive forecast with period m (1: naive). */
export function scaleOfNaive(train: ArrayLike<number>, m: number): number {
  const lag = Math.max(1, m);
  if (train.length <= lag) return Number.NaN;
  let sum = 0;
  for (let t = lag; t < train.length; t++) sum += Math.abs((train[t] ?? 0) - (train[t - lag] ?? 0));
  return sum / (train.length - lag);
}

export function scaledError(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  return meanAbsoluteError(actual, forecast) / scale;
}

/** Share of actual values inside [low, high] (ends included). */
export function measureCoverage(actual: ArrayLike<number>, low: ArrayLike<number>, high: ArrayLike<number>): number {
  if (actual.length === 0) return Number.NaN;
  let inside = 0;
  for (let i = 0; i < actual.length; i++) {
    const v = actual[i] ?? 0;
    if (v >= (low[i] ?? Infinity) && v <= (high[i] ?? -Infinity)) inside++;
  }
  return inside / actual.length;
}

/** Seasonal naive: step h repeats the value one period before it, from the last training period. */
export function forecastSeasonalNaive(train: ArrayLike<number>, m: number, horizon: number): Float64Array {
  const lag = Math.max(1, Math.min(m, train.length));
  const n = train.length;
  return Float64Array.from({ length: horizon }, (_, i) => train[n - lag + (i % lag)] ?? 0);
}

/**
 * Prometheus's predict_linear: a least-squares line through the last
 * `window` training points, extrapolated h steps past the last one.
 */
export function forecastLinear(train: ArrayLike<number>, window: number, horizon: number): Float64Array {
  const n = train.length;
  const w = Math.max(1, Math.min(window, n));
  let sx = 0;
  let sy = 0;
  for (let i = n - w; i < n; i++) {
    sx += i;
    sy += train[i] ?? 0;
  }
  const mx = sx / w;
  const my = sy / w;
  let sxy = 0;
  let sxx = 0;
  for (let i = n - w; i < n; i++) {
    sxy += (i - mx) * ((train[i] ?? 0) - my);
    sxx += (i - mx) * (i - mx);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return Float64Array.from({ length: horizon }, (_, i) => my + slope * (n - 1 + i + 1 - mx));
}

/** Ratio of two errors; 0/0 counts as a tie. */
export function divideErrors(ours: number, baseline: number): number {
  if (ours === 0 && baseline === 0) return 1;
  return ours / baseline;
}

/** Geometric mean (the average of ratios that treats 2x and 0.5x as opposites). */
export function geometricMean(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  let logs = 0;
  for (const v of values) logs += Math.log(v);
  return Math.exp(logs / values.length);
}
