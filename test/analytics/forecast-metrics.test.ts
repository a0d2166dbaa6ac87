import { describe, expect, it } from 'vitest';
import { choosePeriodOfNaive, evaluateHoldout } from '../../electron/backend/analytics/forecast/evaluate.js';
import {
  divideErrors,
  forecastLinear,
  forecastSeasonalNaive,
  geometricMean,
  meanAbsoluteError,
  measureCoverage,
  scaleOfNaive,
  scaledError,
} from '../../electron/backend/analytics/forecast/metrics.js';

describe('forecast bench metrics (hand-computed)', () => {
  const train = [1, 2, 3, 4, 5, 6];
  const actual = [7, 9];

  it('MASE: holdout MAE over the in-sample seasonal-naive MAE', () => {
    // |3-1|, |4-2|, |5-3|, |6-4| -> scale 2.
    expect(scaleOfNaive(train, 2)).toBe(2);
    // Naive (m = 1): five differences of 1.
    expect(scaleOfNaive(train, 1)).toBe(1);
    // Ours [6, 10]: errors 1 and 1 -> MAE 1 -> MASE 0.5.
    expect(meanAbsoluteError(actual, [6, 10])).toBe(1);
    expect(scaledError(actual, [6, 10], 2)).toBe(0.5);
  });

  it('the baselines: seasonal naive and predict_linear', () => {
    // The last period [5, 6] repeated.
    expect(Array.from(forecastSeasonalNaive(train, 2, 3))).toEqual([5, 6, 5]);
    // MAE of [5, 6] against [7, 9] = (2 + 3) / 2 = 2.5, MASE 1.25, ratio ours/snaive 0.5/1.25 = 0.4.
    expect(scaledError(actual, forecastSeasonalNaive(train, 2, 2), 2)).toBe(1.25);
    expect(divideErrors(0.5, 1.25)).toBeCloseTo(0.4, 12);
    // A line through the last three points (4, 5, 6): slope 1, so 7 and 8 next.
    const lin = forecastLinear(train, 3, 2);
    expect(lin[0]).toBeCloseTo(7, 12);
    expect(lin[1]).toBeCloseTo(8, 12);
    // A line through [1, 3, 2]: slope 0.5, mean 2 at x = 1 -> 3 at x = 3.
    expect(forecastLinear([1, 3, 2], 3, 1)[0]).toBeCloseTo(3, 12);
  });

  it('coverage counts the values inside the interval, ends included', () => {
    expect(measureCoverage(actual, [6, 8], [8, 9])).toBe(1);
    expect(measureCoverage(actual, [6, 8], [8, 8.5])).toBe(0.5);
    expect(measureCoverage(actual, [7.5, 9.5], [8, 10])).toBe(0);
  });

  it('aggregates ratios by their geometric mean', () => {
    expect(geometricMean([0.5, 2])).toBeCloseTo(1, 12);
    expect(geometricMean([0.25, 1, 4, 1])).toBeCloseTo(1, 12);
    expect(divideErrors(0, 0)).toBe(1);
  });

  it('picks the seasonal-naive period from what the training part spans', () => {
    const step = 5 * 60_000;
    expect(choosePeriodOfNaive(3225, step)).toBe(288);
    expect(choosePeriodOfNaive(14 * 288, step)).toBe(2016);
    expect(choosePeriodOfNaive(500, step)).toBe(1);
  });

  it('scores a tiny holdout end to end', () => {
    // Ten hourly points rising by 1, then two held out. No seasonal period: the scale is the naive one (1).
    const hour = 3_600_000;
    const times = Array.from({ length: 10 }, (_, i) => i * hour);
    const values = times.map((_, i) => i);
    const r = evaluateHoldout(times, values, 0.2);
    expect(r.trainRows).toBe(8);
    expect(r.horizon).toBe(2);
    expect(r.naivePeriod).toBe(1);
    expect(r.scale).toBe(1);
    // Naive repeats 7: errors 1 and 2 -> MASE 1.5; the line is exact -> MASE 0.
    expect(r.mase.snaive).toBe(1.5);
    expect(r.mase.linear).toBeCloseTo(0, 9);
  });
});
