/** Queries issued while appends and flushes go on see each bucket once, with no gaps. */
import { describe, expect, it } from 'vitest';
import { openHistoryStore, type QueryResult } from '../../../electron/backend/monitoring/history/index.js';
import { manualClock, MINUTE, T0, tempDir } from './helpers.js';

const KEY = 'host/c1/vm/u1/cpu_pct';

describe('history concurrency', () => {
  it('keeps queries consistent during appends and flushes', async () => {
    const clock = manualClock(T0 + 600 * MINUTE);
    const store = await openHistoryStore({ dir: tempDir(), now: clock.now, fsync: false });
    const pending: { atLeast: number; result: Promise<QueryResult> }[] = [];
    for (let i = 0; i < 400; i++) {
      store.append([{ key: KEY, t: T0 + i * MINUTE, v: i }]);
      if (i % 7 === 0) void store.flush();
      if (i % 3 === 0) pending.push({ atLeast: i + 1, result: store.query(KEY, T0, T0 + 600 * MINUTE, MINUTE) });
      if (i % 11 === 0) await new Promise((r) => setImmediate(r));
    }
    await store.flush();
    for (const { atLeast, result } of pending) {
      const r = await result;
      expect(r.avg.length).toBeGreaterThanOrEqual(atLeast);
      expect(r.avg).toEqual(Array.from({ length: r.avg.length }, (_, i) => i));
    }
    await store.close();
  });
});
