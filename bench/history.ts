/**
 * `npm run bench -- history`: one machine's 7 days (12 series sampled every 2 s, rolled up
 * to 1 min and 15 min) written through the history store into a fresh directory, the
 * store closed, a new store opened on the same files and the 7 days of every series read
 * back at 1-minute steps, from disk. Then the density of a 2,000-series day at 1 min,
 * written through the same file writer. Last line: read_ms=<…>.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryStore, type Sample } from '../electron/backend/monitoring/history/index.js';
import { defaultPrecision } from '../electron/backend/monitoring/history/precision.js';
import { Bucket } from '../electron/backend/monitoring/history/rollup.js';
import { emptyRollup, type Rollup } from '../electron/backend/monitoring/history/chunk.js';
import { compactFile, PeriodWriter } from '../electron/backend/monitoring/history/writer.js';
import { machineKeys, machineModel, MACHINE_SERIES } from '../test/monitoring/history/machine-data.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const INTERVAL = 2000;
const FLUSH_EVERY = 5 * MINUTE;

async function writeWeek(dir: string, keys: string[], end: number): Promise<number> {
  const store = await openHistoryStore({ dir, fsync: false });
  const model = machineModel(7);
  const start = end - 7 * DAY;
  const t0 = performance.now();
  const batch: Sample[] = keys.map((key) => ({ key, t: 0, v: 0 }));
  let nextFlush = start + FLUSH_EVERY;
  for (let t = start; t < end; t += INTERVAL) {
    const values = model.next(t);
    for (let i = 0; i < keys.length; i++) {
      batch[i]!.t = t;
      batch[i]!.v = values[i]!;
    }
    store.append(batch);
    if (t >= nextFlush) {
      await store.flush();
      nextFlush += FLUSH_EVERY;
    }
  }
  await store.close();
  return performance.now() - t0;
}

async function readWeek(dir: string, keys: string[], end: number): Promise<{ ms: number; points: number }> {
  const t0 = performance.now();
  const store = await openHistoryStore({ dir });
  let points = 0;
  for (const key of keys) points += (await store.query(key, end - 7 * DAY, end, MINUTE)).t.length;
  const ms = performance.now() - t0;
  await store.close();
  return { ms, points };
}

/** One day of 2,000 series (167 machines) at 1 min, aggregated from 2 s samples. */
function writeFleetDay(dir: string, series: number): { bytes: number; points: number } {
  const dayStart = Math.floor(Date.now() / DAY) * DAY - DAY;
  const path = join(dir, 'fleet-day.nch');
  const frame = { baseMs: dayStart, stepMs: MINUTE };
  const machines = Math.ceil(series / MACHINE_SERIES.length);
  const all: { key: string; precision: number; points: Rollup }[] = [];
  for (let m = 0; m < machines; m++) {
    const model = machineModel(1000 + m);
    const keys = machineKeys('lab', `vm-${m}`);
    const rollups = keys.map(() => emptyRollup());
    for (let minute = dayStart; minute < dayStart + DAY; minute += MINUTE) {
      const buckets = keys.map(() => new Bucket(minute));
      for (let t = minute; t < minute + MINUTE; t += INTERVAL) model.next(t).forEach((v, i) => buckets[i]!.add(v));
      buckets.forEach((b, i) => b.pushTo(rollups[i]!));
    }
    keys.forEach((key, i) => all.length < series && all.push({ key, precision: defaultPrecision(key), points: rollups[i]! }));
  }
  const w = PeriodWriter.open(path, frame);
  w.append(all);
  w.close();
  const info = compactFile(path, frame, false);
  return { bytes: info.size, points: info.points };
}

const dir = mkdtempSync(join(tmpdir(), 'novacron-history-bench-'));
try {
  const end = Math.floor(Date.now() / MINUTE) * MINUTE;
  const keys = machineKeys('bench', '6f1c0d1e-0000-4000-8000-000000000001');
  const writeMs = await writeWeek(dir, keys, end);
  const probe = await openHistoryStore({ dir });
  const usage = probe.usage();
  await probe.close();
  const oneMinute = usage.tiers['1m'];
  const quarter = usage.tiers['15m'];
  console.log(`machine week: ${keys.length} series, ${(7 * DAY) / INTERVAL} samples each, written in ${writeMs.toFixed(0)} ms`);
  console.log(`1m tier: ${oneMinute.files} files, ${oneMinute.bytes} bytes, ${oneMinute.points} points`);
  console.log(`15m tier: ${quarter.files} files, ${quarter.bytes} bytes, ${quarter.points} points`);
  console.log('a point = one 1-minute bucket of one series: min, avg, max and sample count');
  console.log(`bytes_per_point=${(oneMinute.bytes / oneMinute.points).toFixed(3)}`);
  console.log(`bytes_per_point_both_tiers=${((oneMinute.bytes + quarter.bytes) / (oneMinute.points + quarter.points)).toFixed(3)}`);
  const fleet = writeFleetDay(dir, 2000);
  console.log(`fleet day: 2000 series, ${fleet.points} points, ${fleet.bytes} bytes`);
  console.log(`fleet_bytes_per_point=${(fleet.bytes / fleet.points).toFixed(3)}`);
  const runs: number[] = [];
  let points = 0;
  for (let i = 0; i < 5; i++) {
    const r = await readWeek(dir, keys, end);
    runs.push(r.ms);
    points = r.points;
  }
  console.log(`read back: ${points} points of 7 days x ${keys.length} series; runs ms: ${runs.map((r) => r.toFixed(1)).join(' ')}`);
  const sorted = [...runs].sort((a, b) => a - b);
  console.log(`read_ms=${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
