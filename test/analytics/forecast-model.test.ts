import { describe, expect, it } from 'vitest';
import { projectMeans } from '../../electron/backend/analytics/forecast/ets.js';
import { evaluateHoldout } from '../../electron/backend/analytics/forecast/evaluate.js';
import { fitModel } from '../../electron/backend/analytics/forecast/fit.js';
import { forecastSeries } from '../../electron/backend/analytics/forecast/forecast.js';
import { resampleToGrid } from '../../electron/backend/analytics/forecast/grid.js';
import { detectPeriods } from '../../electron/backend/analytics/forecast/season.js';
import { makeNormal } from './synthetic.js';

const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1);

/** Hourly series: level + slope*i + amplitude*sin(daily) + sd*noise. */
function makeHourly(points: number, o: { level?: number; slope?: number; amplitude?: number; sd?: number; seed?: number }) {
  const noise = makeNormal(o.seed ?? 7);
  const truth = (i: number): number => (o.level ?? 100) + (o.slope ?? 0) * i + (o.amplitude ?? 0) * Math.sin((2 * Math.PI * i) / 24);
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < points; i++) {
    times.push(START + i * HOUR);
    values.push(truth(i) + (o.sd ?? 1) * noise());
  }
  return { times, values, truth };
}

describe('forecaster', () => {
  it('recovers a known trend and daily season', () => {
    const s = makeHourly(24 * 40, { slope: 0.05, amplitude: 5, sd: 0.5 });
    const y = Float64Array.from(s.values);
    expect(detectPeriods(y, HOUR)[0]).toBe(24);
    const fit = fitModel(y, { trend: 'linear', period: 24, robust: false });
    expect(fit.state.trend).toBeGreaterThan(0.04);
    expect(fit.state.trend).toBeLessThan(0.06);
    // Each seasonal offset against the true sine at that phase.
    const n = y.length;
    for (let h = 1; h <= 24; h++) {
      const offset = fit.state.season[(fit.state.phase + h - 1) % 24] ?? 0;
      expect(Math.abs(offset - 5 * Math.sin((2 * Math.PI * (n + h - 1)) / 24))).toBeLessThan(0.6);
    }
    expect(fit.sigma).toBeGreaterThan(0.4);
    expect(fit.sigma).toBeLessThan(0.65);
    // The full forecaster, free to choose, lands on the truth two days out.
    const f = forecastSeries(s.times, s.values, 48, { trends: ['none', 'damped', 'linear'] });
    expect(f.model.spec.period).toBe(24);
    let err = 0;
    for (let h = 1; h <= 48; h++) err += Math.abs((f.mean[h - 1] ?? 0) - s.truth(n + h - 1));
    expect(err / 48).toBeLessThan(0.5);
    expect(f.times[0]).toBe(START + n * HOUR);
  });

  it('gives 80% intervals that cover about 80% of noise of known variance', () => {
    let inside = 0;
    let total = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const s = makeHourly(24 * 30 + 96, { amplitude: 3, sd: 2, seed });
      const n = 24 * 30;
      const f = forecastSeries(s.times.slice(0, n), s.values.slice(0, n), 96);
      for (let h = 0; h < 96; h++) {
        const v = s.values[n + h] ?? 0;
        if (v >= (f.low[h] ?? 0) && v <= (f.high[h] ?? 0)) inside++;
        total++;
      }
      // The width should be near the true 80% width of N(0, 2^2): 2 * 1.2816 * 2 = 5.1.
      const width = (f.high[47] ?? 0) - (f.low[47] ?? 0);
      expect(width).toBeGreaterThan(3.5);
      expect(width).toBeLessThan(8);
    }
    const coverage = inside / total;
    expect(coverage).toBeGreaterThan(0.7);
    expect(coverage).toBeLessThan(0.9);
  });

  it('handles gaps and repeated timestamps by resampling to the step', () => {
    const s = makeHourly(24 * 20, { amplitude: 4, sd: 0.3 });
    const times: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < s.times.length; i++) {
      if (i >= 200 && i < 230) continue; // a 30-hour gap
      times.push(s.times[i] ?? 0);
      values.push(s.values[i] ?? 0);
      if (i === 300) {
        // the same hour written three times
        times.push(s.times[i] ?? 0, s.times[i] ?? 0);
        values.push(s.values[i] ?? 0, s.values[i] ?? 0);
      }
    }
    const grid = resampleToGrid(times, values);
    expect(grid.stepMs).toBe(HOUR);
    expect(grid.values.length).toBe(24 * 20);
    expect(grid.filled).toBe(30);
    const f = forecastSeries(times, values, 24);
    const n = 24 * 20;
    for (let h = 1; h <= 24; h++) {
      expect(Number.isFinite(f.mean[h - 1])).toBe(true);
      expect(Math.abs((f.mean[h - 1] ?? 0) - s.truth(n + h - 1))).toBeLessThan(1.5);
    }
  });

  it('forecasts a constant series as that constant, with a zero-width interval', () => {
    const times = Array.from({ length: 500 }, (_, i) => START + i * HOUR);
    const f = forecastSeries(times, new Array<number>(500).fill(42), 30);
    for (let h = 0; h < 30; h++) {
      expect(f.mean[h]).toBeCloseTo(42, 9);
      expect(f.low[h]).toBeLessThanOrEqual(42);
      expect(f.high[h]).toBeGreaterThanOrEqual(42);
      expect((f.high[h] ?? 0) - (f.low[h] ?? 0)).toBeLessThan(1e-6);
    }
  });

  it('follows a level shift in the training data', () => {
    const s = makeHourly(24 * 20, { level: 10, sd: 0.5 });
    const values = s.values.map((v, i) => (i >= 24 * 14 ? v + 10 : v));
    const f = forecastSeries(s.times, values, 24);
    for (let h = 0; h < 24; h++) expect(Math.abs((f.mean[h] ?? 0) - 20)).toBeLessThan(1.5);
  });

  it('never looks ahead: the forecast from the first N points ignores what comes after', () => {
    const s = makeHourly(24 * 25, { slope: 0.02, amplitude: 3, sd: 1 });
    const n = 24 * 20;
    const alone = forecastSeries(s.times.slice(0, n), s.values.slice(0, n), 48);
    // The holdout changed beyond recognition: the forecast and interval must not move.
    const a = evaluateHoldout(s.times, s.values, 0.2);
    const wild = s.values.map((v, i) => (i >= n ? v * 100 + 1e6 : v));
    const b = evaluateHoldout(s.times, wild, 0.2);
    expect(a.trainRows).toBe(n);
    expect(Array.from(b.forecast.mean)).toEqual(Array.from(a.forecast.mean));
    expect(Array.from(b.forecast.low)).toEqual(Array.from(a.forecast.low));
    expect(Array.from(b.forecast.high)).toEqual(Array.from(a.forecast.high));
    expect(Array.from(a.forecast.mean.subarray(0, 48))).toEqual(Array.from(alone.mean));
    expect(b.mase.ours).toBeGreaterThan(a.mase.ours * 100);
  });

  it('projects seasonal means from the filtered state', () => {
    const st = { level: 10, trend: 1, season: Float64Array.from([1, -1]), phase: 1, scale: 1 };
    const means = projectMeans({ trend: 'linear', period: 2, robust: false }, { alpha: 0.5, beta: 0.1, gamma: 0.1, phi: 1 }, st, 3);
    expect(Array.from(means)).toEqual([10 + 1 - 1, 10 + 2 + 1, 10 + 3 - 1]);
  });
});
