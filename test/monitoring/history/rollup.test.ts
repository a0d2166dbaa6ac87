/** Roll-ups (hand-computed), the tier a query is answered from, and reopening. */
import { describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../../electron/backend/monitoring/history/index.js';
import { chooseTier } from '../../../electron/backend/monitoring/history/query.js';
import { DEFAULT_RETENTION } from '../../../electron/backend/monitoring/history/types.js';
import { DAY, manualClock, MINUTE, samples, T0, tempDir } from './helpers.js';

const KEY = 'host/c1/vm/u1/cpu_pct';

describe('history roll-ups', () => {
  it('rolls samples up to 1 min and 15 min min/avg/max, on disk and after a restart', async () => {
    const dir = tempDir();
    const clock = manualClock(T0 + 20 * MINUTE);
    const store = await openHistoryStore({ dir, now: clock.now });
    // Minute 0: 10, 20, 60 -> min 10, avg 30, max 60. Minute 1: 5, 7 -> 5, 6, 7. Minute 16: 1.
    store.append(
      samples(KEY, [
        [T0, 10],
        [T0 + 20_000, 20],
        [T0 + 40_000, 60],
        [T0 + MINUTE, 5],
        [T0 + MINUTE + 30_000, 7],
      ]),
    );
    store.append(samples(KEY, [[T0 + 16 * MINUTE, 1]]));
    await store.flush();
    const minute = await store.query(KEY, T0, T0 + 20 * MINUTE, MINUTE);
    expect(minute.tier).toBe('1m');
    expect(minute.t).toEqual([T0, T0 + MINUTE, T0 + 16 * MINUTE]);
    expect(minute.min).toEqual([10, 5, 1]);
    expect(minute.avg).toEqual([30, 6, 1]);
    expect(minute.max).toEqual([60, 7, 1]);
    // The first quarter hour: 5 samples, min 5, avg (10+20+60+5+7)/5 = 20.4, max 60.
    const quarter = await store.query(KEY, T0, T0 + 30 * MINUTE, 15 * MINUTE);
    expect(quarter.tier).toBe('15m');
    expect(quarter.t).toEqual([T0, T0 + 15 * MINUTE]);
    expect(quarter.min).toEqual([5, 1]);
    expect(quarter.avg).toEqual([20.4, 1]);
    expect(quarter.max).toEqual([60, 1]);
    // A 5-minute step over the 1-minute tier: weighted by samples, (90 + 12) / 5 = 20.4 again.
    const five = await store.query(KEY, T0, T0 + 10 * MINUTE, 5 * MINUTE);
    expect(five).toMatchObject({ tier: '1m', stepMs: 5 * MINUTE, t: [T0], min: [5], avg: [20.4], max: [60] });
    await store.close();

    const again = await openHistoryStore({ dir, now: clock.now });
    expect(await again.query(KEY, T0, T0 + 20 * MINUTE, MINUTE)).toEqual(minute);
    // A bucket continued after the restart merges with what was written before it.
    again.append(samples(KEY, [[T0 + 16 * MINUTE + 10_000, 3]]));
    expect((await again.query(KEY, T0 + 16 * MINUTE, T0 + 17 * MINUTE, MINUTE)).avg).toEqual([2]);
    await again.close();
  });

  it('answers recent fine-step queries from memory at full resolution', async () => {
    const clock = manualClock(T0 + 10 * MINUTE);
    const store = await openHistoryStore({ dir: tempDir(), now: clock.now });
    const points: [number, number][] = [];
    for (let t = T0; t < T0 + 10 * MINUTE; t += 2000) points.push([t, (t - T0) / 1000]);
    store.append(samples(KEY, points));
    const raw = await store.query(KEY, T0 + 5 * MINUTE, T0 + 6 * MINUTE, 2000);
    expect(raw.tier).toBe('raw');
    expect(raw.t).toHaveLength(30);
    expect(raw.avg[0]).toBe(300);
    const tenSeconds = await store.query(KEY, T0 + 5 * MINUTE, T0 + 6 * MINUTE, 10_000);
    expect(tenSeconds.t).toHaveLength(6);
    expect(tenSeconds.min[0]).toBe(300);
    expect(tenSeconds.avg[0]).toBe(304);
    expect(tenSeconds.max[0]).toBe(308);
    // Before flush() the 1-minute tier still shows the closed and the open buckets.
    const minutes = await store.query(KEY, T0, T0 + 10 * MINUTE, MINUTE);
    expect(minutes.t).toHaveLength(10);
    await store.close();
  });

  it('chooses the tier by range and step', () => {
    const now = T0 + 30 * DAY;
    const r = DEFAULT_RETENTION;
    expect(chooseTier(now - 5 * MINUTE, 2000, now, r)).toBe('raw');
    expect(chooseTier(now - 3600_000, 2000, now, r)).toBe('1m'); // older than the ring's window
    expect(chooseTier(now - DAY, 5 * MINUTE, now, r)).toBe('1m');
    expect(chooseTier(now - 7 * DAY, MINUTE, now, r)).toBe('1m'); // the whole oldest day is kept
    expect(chooseTier(now - 9 * DAY, MINUTE, now, r)).toBe('15m');
    expect(chooseTier(now - DAY, 15 * MINUTE, now, r)).toBe('15m');
    expect(chooseTier(now - 90 * DAY, 3600_000, now, r)).toBe('15m');
  });
});
