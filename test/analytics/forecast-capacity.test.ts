import { describe, expect, it } from 'vitest';
import { daysUntil, findCrossing } from '../../electron/backend/analytics/forecast/capacity.js';
import { makeNormal } from './synthetic.js';

const HOUR = 3_600_000;
const GB = 1;

describe('daysUntil', () => {
  it('finds the first step a path reaches the limit', () => {
    expect(findCrossing([1, 2, 3, 4], 3, true)).toBe(3);
    expect(findCrossing([4, 3, 2], 2.5, false)).toBe(3);
    expect(findCrossing([1, 2], 5, true)).toBe(Infinity);
  });

  it('gives a finite, shrinking estimate for a steadily filling pool', () => {
    // A 1,000 GB pool filling by 5 GB a day (with a small daily wobble and noise), sampled hourly.
    const noise = makeNormal(3);
    const rate = 5 / 24;
    const values: number[] = [];
    const times: number[] = [];
    for (let i = 0; i < 24 * 60; i++) {
      times.push(Date.UTC(2024, 0, 1) + i * HOUR);
      values.push(400 * GB + rate * i + 1.5 * Math.sin((2 * Math.PI * i) / 24) + 0.5 * noise());
    }
    let previous = Infinity;
    for (const days of [20, 35, 50]) {
      const n = days * 24;
      const r = daysUntil({ t: times.slice(0, n), v: values.slice(0, n) }, 1000 * GB, { maxDays: 400 });
      const truth = (1000 - (400 + rate * (n - 1))) / 5;
      expect(Number.isFinite(r.days)).toBe(true);
      expect(r.days).toBeLessThan(previous);
      expect(Math.abs(r.days - truth)).toBeLessThan(0.15 * truth);
      expect(r.low).toBeLessThanOrEqual(r.days);
      expect(r.high).toBeGreaterThanOrEqual(r.days);
      expect(Number.isFinite(r.low)).toBe(true);
      previous = r.days;
    }
  });

  it('says Infinity for a flat series that never reaches the limit', () => {
    const noise = makeNormal(5);
    const times = Array.from({ length: 24 * 20 }, (_, i) => i * HOUR);
    const values = times.map(() => 50 + noise());
    const r = daysUntil({ t: times, v: values }, 100, { maxDays: 60 });
    expect(r.days).toBe(Infinity);
    expect(r.high).toBe(Infinity);
  });
});
