import { describe, expect, it } from 'vitest';
import { createDetector, DEFAULT_THRESHOLD, scorePoint, SeriesScorer } from '../../electron/backend/analytics/anomaly/index.js';
import { measureFootprint } from '../../electron/backend/analytics/anomaly/footprint.js';
import { makeNormal, makeSeasonal, PER_DAY, START_MS, STEP_MS, type Synthetic } from './synthetic.js';

function scoreAll(s: Synthetic): number[] {
  const d = createDetector();
  return s.values.map((v, i) => scorePoint(d, s.times[i] ?? 0, v));
}

/** First index at or after `from` whose score reaches the threshold, or -1. */
function firstFlag(scores: number[], from: number, to = scores.length): number {
  for (let i = from; i < to; i++) if ((scores[i] ?? 0) >= DEFAULT_THRESHOLD) return i;
  return -1;
}

const ONSET = 5 * PER_DAY + 100;

describe('anomaly detector on synthetic series', () => {
  it('stays below the threshold on clean seasonal noise for a week', () => {
    for (const seed of [1, 2, 3]) {
      const scores = scoreAll(makeSeasonal(7, seed));
      expect(Math.max(...scores)).toBeLessThan(DEFAULT_THRESHOLD);
      expect(scores.every((x) => x >= 0 && x <= 1)).toBe(true);
    }
  });

  it('flags a spike at once', () => {
    const scores = scoreAll(makeSeasonal(7, 4, (i, base) => (i === ONSET ? base + 15 : base)));
    expect(firstFlag(scores, PER_DAY)).toBe(ONSET);
  });

  it('flags a level shift within an hour, then re-baselines and goes quiet', () => {
    const scores = scoreAll(makeSeasonal(9, 5, (i, base) => (i >= ONSET ? base + 6 : base)));
    const flag = firstFlag(scores, PER_DAY);
    expect(flag).toBeGreaterThanOrEqual(ONSET);
    expect(flag - ONSET).toBeLessThanOrEqual(12);
    // Two days after the shift the new level is the baseline.
    expect(firstFlag(scores, ONSET + 2 * PER_DAY)).toBe(-1);
  });

  it('flags a change of seasonality (the daily cycle stops) within four hours', () => {
    // It stops at a zero crossing, so there is no jump: only the missing swing.
    const onset = 5 * PER_DAY;
    for (const seed of [6, 7]) {
      const scores = scoreAll(makeSeasonal(8, seed, (i, base) => (i >= onset ? 50 : base)));
      const flag = firstFlag(scores, PER_DAY);
      expect(flag).toBeGreaterThanOrEqual(onset);
      expect(flag - onset).toBeLessThanOrEqual(48);
    }
  });

  it('is causal: the first points score the same whatever follows', () => {
    const full = makeSeasonal(6, 7, (i, base) => (i >= 4 * PER_DAY ? base * 3 : base));
    const n = 3 * PER_DAY;
    const prefix = { times: full.times.slice(0, n), values: full.values.slice(0, n) };
    expect(scoreAll(full).slice(0, n)).toEqual(scoreAll(prefix));
  });

  it('keeps a fixed-size state over 100k points', () => {
    const d = createDetector();
    const noise = makeNormal(8);
    const sizes: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      scorePoint(d, START_MS + i * 2000, 10 + Math.sin(i / 300) + noise());
      if (i === 1_000 || i === 99_999) sizes.push(measureFootprint(d));
    }
    expect(sizes[0]).toBeGreaterThan(0);
    expect(sizes[1]).toBe(sizes[0]);
    expect(measureFootprint(d)).toBeLessThan(16 * 1024);
  });

  it('copes with gaps and repeated timestamps', () => {
    const s = makeSeasonal(6, 9);
    // A six-hour hole, then an hour of rows that all carry one timestamp.
    const cut = 3 * PER_DAY;
    const times = s.times.filter((_, i) => i < cut || i >= cut + 72);
    const values = s.values.filter((_, i) => i < cut || i >= cut + 72);
    const rep = cut + 100;
    for (let i = rep; i < rep + 12; i++) times[i] = times[rep] ?? 0;
    const scores = scoreAll({ times, values });
    expect(scores).toHaveLength(times.length);
    expect(scores.every((x) => Number.isFinite(x) && x >= 0 && x <= 1)).toBe(true);
    expect(firstFlag(scores, PER_DAY)).toBe(-1);
  });

  it('scores many series independently and the same as one detector each', () => {
    const a = makeSeasonal(3, 10);
    const b = makeSeasonal(3, 11, (i, base) => base * 2);
    const scorer = new SeriesScorer();
    const points = a.times.flatMap((t, i) => [
      { seriesId: 'a', t, value: a.values[i] ?? 0 },
      { seriesId: 'b', t: b.times[i] ?? 0, value: b.values[i] ?? 0 },
    ]);
    // Batches of arbitrary size give the same answer as one big batch.
    const out = [];
    for (let i = 0; i < points.length; i += 97) out.push(...scorer.scoreBatch(points.slice(i, i + 97)));
    expect(out.filter((p) => p.seriesId === 'a').map((p) => p.score)).toEqual(scoreAll(a));
    expect(out.filter((p) => p.seriesId === 'b').map((p) => p.score)).toEqual(scoreAll(b));
    expect(scorer.size).toBe(2);
    expect(out.every((p) => p.anomalous === p.score >= DEFAULT_THRESHOLD)).toBe(true);
  });

  it('does not need a regular step', () => {
    const d = createDetector();
    const noise = makeNormal(12);
    let t = START_MS;
    for (let i = 0; i < 3000; i++) {
      t += STEP_MS * (0.5 + Math.abs(noise()));
      expect(scorePoint(d, t, 5 + noise())).toBeLessThanOrEqual(1);
    }
  });
});
