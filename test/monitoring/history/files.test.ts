/** Period files: retention, torn tails and damaged records, appends after a repair. */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyRollup } from '../../../electron/backend/monitoring/history/chunk.js';
import { openHistoryStore } from '../../../electron/backend/monitoring/history/index.js';
import { PeriodWriter } from '../../../electron/backend/monitoring/history/writer.js';
import { DAY, manualClock, MINUTE, samples, T0, tempDir } from './helpers.js';

const KEY = 'host/c1/vm/u1/cpu_pct';

/** A 1-minute day file of three chunk records: minutes 0-9, 10-19 and 20-29 (value = minute). */
function writeThreeChunks(dir: string): { path: string; ends: number[] } {
  mkdirSync(join(dir, '1m'), { recursive: true });
  const path = join(dir, '1m', '2026-12-01.nch');
  const w = PeriodWriter.open(path, { baseMs: T0, stepMs: MINUTE });
  const ends: number[] = [];
  for (let c = 0; c < 3; c++) {
    const points = emptyRollup();
    for (let m = c * 10; m < c * 10 + 10; m++) {
      points.t.push(T0 + m * MINUTE);
      for (const f of ['min', 'avg', 'max'] as const) points[f].push(m);
      points.count.push(30);
    }
    w.append([{ key: KEY, precision: 0.01, points }]);
    ends.push(w.info.size);
  }
  w.close();
  return { path, ends };
}

async function minutesIn(dir: string): Promise<number[]> {
  const store = await openHistoryStore({ dir, now: () => T0 + 12 * 3600_000 });
  const r = await store.query(KEY, T0, T0 + DAY, MINUTE);
  await store.close();
  return r.avg;
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('history files', () => {
  it('deletes period files once their whole period is past the retention', async () => {
    const dir = tempDir();
    const clock = manualClock(T0 + 20 * DAY);
    const store = await openHistoryStore({ dir, now: clock.now, retention: { oneMinuteMs: 2 * DAY, fifteenMinuteMs: 40 * DAY } });
    for (let d = 0; d < 20; d++) store.append(samples(KEY, [[T0 + d * DAY, d]]));
    await store.close();
    // Now is Dec 21, 00:00: with 2 days kept, Dec 18's file (ended Dec 19, 00:00) is gone.
    expect(readdirSync(join(dir, '1m')).sort()).toEqual(['2026-12-19.nch', '2026-12-20.nch']);
    expect(readdirSync(join(dir, '15m'))).toEqual(['2026-12.nch']);

    const again = await openHistoryStore({ dir, now: clock.now });
    again.setRetention({ oneMinuteMs: DAY });
    expect(readdirSync(join(dir, '1m'))).toEqual(['2026-12-20.nch']);
    clock.set(Date.UTC(2027, 1, 15)); // mid-February: December ended 46 days ago
    again.setRetention({ fifteenMinuteMs: 45 * DAY });
    expect(readdirSync(join(dir, '15m'))).toEqual([]);
    expect(again.usage().diskBytes).toBe(0);
    await again.close();
  });

  it('drops a tail torn in the middle of a record, and later appends stay readable', async () => {
    const dir = tempDir();
    const { path, ends } = writeThreeChunks(dir);
    truncateSync(path, ends[1]! + 12);
    expect(await minutesIn(dir)).toEqual(range(0, 20));
    expect(statSync(path).size).toBe(ends[1]); // cut back to the last good record on reopen

    const store = await openHistoryStore({ dir, now: () => T0 + 12 * 3600_000 });
    store.append(samples(KEY, [[T0 + 40 * MINUTE, 40]]));
    await store.flush();
    await store.close();
    expect(await minutesIn(dir)).toEqual([...range(0, 20), 40]);
  });

  it('ignores garbage appended after the last record', async () => {
    const dir = tempDir();
    const { path } = writeThreeChunks(dir);
    appendFileSync(path, Buffer.from('NC\xff\xff garbage after a crash', 'latin1'));
    expect(await minutesIn(dir)).toEqual(range(0, 30));
  });

  it('drops a record whose checksum fails and reads the ones after it', async () => {
    const dir = tempDir();
    const { path, ends } = writeThreeChunks(dir);
    const buf = readFileSync(path);
    const middle = Math.floor((ends[0]! + ends[1]!) / 2);
    buf[middle] = buf[middle]! ^ 0x55;
    writeFileSync(path, buf);
    expect(await minutesIn(dir)).toEqual([...range(0, 10), ...range(20, 30)]);
  });

  it('opens a file that is all garbage without failing', async () => {
    const dir = tempDir();
    const { path } = writeThreeChunks(dir);
    writeFileSync(path, Buffer.alloc(4096, 0x4e));
    expect(await minutesIn(dir)).toEqual([]);
    expect(existsSync(path)).toBe(true);
  });
});
