/** The byte-level encoding: varints, chunks, and the density on realistic data. */
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../../../electron/backend/monitoring/history/bytes.js';
import { decodeChunk, encodeChunk, readChunkDirectory, type Rollup } from '../../../electron/backend/monitoring/history/chunk.js';
import { openHistoryStore } from '../../../electron/backend/monitoring/history/index.js';
import { frameRecord, scanRecords } from '../../../electron/backend/monitoring/history/records.js';
import { DAY, MINUTE, T0, tempDir } from './helpers.js';
import { machineKeys, machineModel, prng } from './machine-data.js';

describe('history encoding', () => {
  it('round-trips varints and zigzag varints up to the safe integers', () => {
    const values = [0, 1, 127, 128, 16383, 16384, 2 ** 21, 2 ** 31 - 1, 2 ** 31, 2 ** 40 + 3, 2 ** 52 - 1];
    const w = new ByteWriter(4);
    for (const v of values) {
      w.varint(v);
      w.svarint(-v);
    }
    const r = new ByteReader(w.result());
    for (const v of values) {
      expect(r.varint()).toBe(v);
      expect(r.svarint()).toBe(0 - v || 0);
    }
  });

  it('round-trips roll-up points exactly within the declared precision, gaps included', () => {
    const rnd = prng(3);
    const p: Rollup = { t: [], min: [], avg: [], max: [], count: [] };
    for (let i = 0; i < 500; i++) {
      const skip = rnd() < 0.05 ? 1 + Math.floor(rnd() * 30) : 0; // the machine was off for a while
      p.t.push(T0 + (i * 2 + skip) * MINUTE);
      const lo = rnd() * 100 - 50;
      const hi = lo + rnd() * 20;
      p.min.push(lo);
      p.max.push(hi);
      p.avg.push(lo + (hi - lo) * rnd());
      p.count.push(28 + Math.floor(rnd() * 4));
    }
    p.t.sort((a, b) => a - b);
    const frame = { baseMs: T0, stepMs: MINUTE };
    const rec = frameRecord(encodeChunk([{ id: 7, precision: 0.01, points: p }], frame));
    const [ref] = scanRecords(rec).records;
    const dir = readChunkDirectory(rec, ref!.payloadStart, ref!.payloadEnd);
    const back = decodeChunk(rec, ref!.payloadEnd, dir, frame, () => 0.01).get(7)!;
    expect(back.t).toEqual(p.t);
    expect(back.count).toEqual(p.count);
    for (const f of ['min', 'avg', 'max'] as const) {
      back[f].forEach((v, i) => expect(Math.abs(v - p[f][i]!)).toBeLessThanOrEqual(0.005 + 1e-9));
    }
    expect(back.avg[0]).toBe(Math.round(p.avg[0]! * 100) / 100); // decimal precisions decode to clean numbers
  });

  it('stores a realistic machine day at under 3 bytes per 1-minute point', async () => {
    const dir = tempDir();
    const store = await openHistoryStore({ dir, fsync: false, now: () => T0 + 2 * DAY });
    const keys = machineKeys('c1', 'vm1');
    const model = machineModel(11);
    for (let t = T0; t < T0 + DAY; t += 2000) {
      const v = model.next(t);
      store.append(keys.map((key, i) => ({ key, t, v: v[i]! })));
      if (t % (10 * MINUTE) === 0) await store.flush();
    }
    await store.close();
    const reopened = await openHistoryStore({ dir, now: () => T0 + 2 * DAY });
    const { bytes, points } = reopened.usage().tiers['1m'];
    expect(points).toBe(12 * 1440);
    expect(bytes / points).toBeLessThan(3);
    await reopened.close();
  });
});
