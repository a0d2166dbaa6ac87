/**
 * The holdout test behind `npm run bench -- forecast`: the first part of a
 * series (by row position) trains, the rest is forecast and scored against
 * our model and the two baselines. Only the training rows reach any model.
 * Holdout rows are placed at the step nearest their time after the last
 * training row, so gaps and repeated timestamps in the holdout are scored
 * as they are, one row one error.
 */
import { forecastGrid, type Forecast } from './forecast.js';
import { detectStep, locateSlot, resampleToGrid } from './grid.js';
import { divideErrors, forecastLinear, forecastSeasonalNaive, meanAbsoluteError, measureCoverage, scaleOfNaive } from './metrics.js';

const DAY_MS = 86_400_000;

export interface HoldoutResult {
  readonly trainRows: number;
  readonly testRows: number;
  readonly horizon: number;
  readonly stepMs: number;
  /** Period of the seasonal-naive baseline and the MASE scale, in steps. */
  readonly naivePeriod: number;
  /** Trailing window of the linear baseline, in steps. */
  readonly linearWindow: number;
  readonly scale: number;
  readonly mase: { readonly ours: number; readonly snaive: number; readonly linear: number };
  readonly ratio: { readonly snaive: number; readonly linear: number };
  readonly coverage: number;
  readonly forecast: Forecast;
}

/**
 * Seasonal-naive period: a week if the training grid holds two weeks, else
 * a day if it holds two days, else 1 (plain naive).
 */
export function choosePeriodOfNaive(points: number, stepMs: number): number {
  const perDay = Math.round(DAY_MS / stepMs);
  if (perDay >= 2 && points >= 14 * perDay) return 7 * perDay;
  if (perDay >= 2 && points >= 2 * perDay) return perDay;
  return 1;
}

export function evaluateHoldout(times: ArrayLike<number>, values: ArrayLike<number>, testFraction = 0.2): HoldoutResult {
  const n = times.length;
  const trainRows = n - Math.round(n * testFraction);
  if (trainRows < 2 || trainRows >= n) throw new Error('too few rows to hold some out');
  const trainTimes = Array.from({ length: trainRows }, (_, i) => times[i] ?? 0);
  const trainValues = Array.from({ length: trainRows }, (_, i) => values[i] ?? 0);
  const stepMs = detectStep(trainTimes);
  const grid = resampleToGrid(trainTimes, trainValues, stepMs);
  const lastMs = grid.startMs + (grid.values.length - 1) * stepMs;
  const steps: number[] = [];
  const actual: number[] = [];
  for (let i = trainRows; i < n; i++) {
    steps.push(Math.max(1, locateSlot(times[i] ?? 0, lastMs, stepMs)));
    actual.push(values[i] ?? 0);
  }
  const horizon = Math.max(...steps);
  const forecast = forecastGrid(grid.values, stepMs, horizon);
  const naivePeriod = choosePeriodOfNaive(grid.values.length, stepMs);
  const linearWindow = Math.min(grid.values.length, horizon);
  const snaive = forecastSeasonalNaive(grid.values, naivePeriod, horizon);
  const linear = forecastLinear(grid.values, linearWindow, horizon);
  const pick = (f: ArrayLike<number>): number[] => steps.map((h) => f[h - 1] ?? 0);
  const scale = scaleOfNaive(grid.values, naivePeriod);
  const ours = meanAbsoluteError(actual, pick(forecast.mean));
  const maeSnaive = meanAbsoluteError(actual, pick(snaive));
  const maeLinear = meanAbsoluteError(actual, pick(linear));
  return {
    trainRows,
    testRows: n - trainRows,
    horizon,
    stepMs,
    naivePeriod,
    linearWindow,
    scale,
    mase: { ours: ours / scale, snaive: maeSnaive / scale, linear: maeLinear / scale },
    ratio: { snaive: divideErrors(ours, maeSnaive), linear: divideErrors(ours, maeLinear) },
    coverage: measureCoverage(actual, pick(forecast.low), pick(forecast.high)),
    forecast,
  };
}
