/**
 * NovaCron's history store. Why our own: the backend must run unchanged in Electron and
 * plain Node with no native module (so no SQLite, LMDB or DuckDB bindings), and npm has
 * no maintained pure-JS Gorilla/TSDB codec. The design borrows from Prometheus's head and
 * XOR chunks (recent samples in memory, compressed immutable chunks on disk,
 * delta-of-delta timestamps); the code and format are ours:
 *
 * - full-resolution samples of the recent window in bounded rings (ring.ts);
 * - 1-minute and 15-minute min/avg/max roll-ups appended as checksummed chunk records to
 *   one file per tier per period (writer.ts, records.ts, chunk.ts), compacted to one
 *   chunk per series when the period is over or the store closes;
 * - retention by deleting whole period files (catalog.ts).
 */
import { readFile } from 'node:fs/promises';
import { Catalog, type CatalogEntry } from './catalog.js';
import { emptyRollup, type Rollup } from './chunk.js';
import { parseFileImage, readSeries } from './file-image.js';
import { defaultPrecision } from './precision.js';
import { chooseTier } from './query.js';
import { downsample, mergeRollups, splitByPeriod } from './rollup.js';
import { PENDING_POINT_BYTES, SERIES_OVERHEAD_BYTES, SeriesState } from './series.js';
import { TIERS, type Period, type Tier } from './tiers.js';
import {
  DEFAULT_RETENTION,
  type HistoryStore,
  type HistoryStoreOptions,
  type HistoryUsage,
  type QueryResult,
  type Retention,
  type Sample,
} from './types.js';
import { compactFile, PeriodWriter, type SeriesPoints } from './writer.js';

export async function openHistoryStore(options: HistoryStoreOptions): Promise<HistoryStore> {
  const store = new FileHistoryStore(options);
  store.open();
  return store;
}

interface PeriodBatch {
  period: Period;
  items: SeriesPoints[];
  owners: SeriesState[];
}

class FileHistoryStore implements HistoryStore {
  private readonly series = new Map<string, SeriesState>();
  private readonly writers = new Map<string, PeriodWriter>();
  private readonly catalog: Catalog;
  private readonly touched = new Set<string>();
  private readonly head = TIERS.map(() => -Infinity);
  private retention: Retention;
  private generation = 0;
  private closed = false;
  private readonly now: () => number;
  private readonly precisionOf: (key: string) => number;

  constructor(private readonly options: HistoryStoreOptions) {
    this.catalog = new Catalog(options.dir, options.readOnly === true);
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.now = options.now ?? Date.now;
    this.precisionOf = options.precisionOf ?? defaultPrecision;
  }

  /**
   * The rings hold samples from here on only (the store's opening, or the oldest sample
   * appended since): earlier ranges are answered from the files.
   */
  private rawSince = -Infinity;

  open(): void {
    this.rawSince = this.now();
    this.catalog.load();
    if (this.options.readOnly) return;
    const now = this.now();
    for (const e of this.catalog.list()) if (!e.compacted && e.period.end <= now) this.compact(e.tier, e.period);
    this.expire();
  }

  private ringCapacity(): number {
    return Math.ceil((this.retention.rawWindowMs / (this.options.rawIntervalMs ?? 2000)) * 1.05) + 1;
  }

  append(samples: readonly Sample[]): void {
    if (this.closed) throw new Error('history store is closed');
    if (this.options.readOnly) throw new Error('history store is open read-only');
    for (const s of samples) {
      if (!Number.isFinite(s.v) || !Number.isFinite(s.t)) continue;
      if (s.t < this.rawSince) this.rawSince = s.t;
      let state = this.series.get(s.key);
      if (!state) {
        state = new SeriesState(s.key, this.precisionOf(s.key), this.ringCapacity());
        this.series.set(s.key, state);
      }
      state.add(s.t, s.v);
    }
  }

  async flush(): Promise<void> {
    if (this.closed || this.options.readOnly) return;
    this.writePending();
  }

  private writePending(): void {
    let failure: unknown = null;
    TIERS.forEach((tier, i) => {
      for (const batch of this.batchesOf(i, tier)) {
        try {
          this.writeBatch(tier, i, batch);
        } catch (err) {
          failure ??= err;
          batch.owners.forEach((s, k) => s.restorePending(i, batch.items[k]!.points));
        }
      }
      this.compactBehind(tier, i);
    });
    this.generation++;
    this.expire();
    if (failure) throw failure;
  }

  /** The pending points of one tier, split by the period file they belong in. */
  private batchesOf(i: number, tier: Tier): PeriodBatch[] {
    const batches = new Map<string, PeriodBatch>();
    for (const s of this.series.values()) {
      const pending = s.takePending(i);
      for (const [period, points] of splitByPeriod(pending, tier)) {
        let b = batches.get(period.file);
        if (!b) batches.set(period.file, (b = { period, items: [], owners: [] }));
        b.items.push({ key: s.key, precision: s.precision, points });
        b.owners.push(s);
      }
    }
    return [...batches.values()];
  }

  private writeBatch(tier: Tier, i: number, batch: PeriodBatch): void {
    const retentionMs = tier.name === '1m' ? this.retention.oneMinuteMs : this.retention.fifteenMinuteMs;
    if (batch.period.end <= this.now() - retentionMs) return; // would expire at once
    const path = this.catalog.pathOf(tier, batch.period);
    let w = this.writers.get(path);
    if (!w) this.writers.set(path, (w = PeriodWriter.open(path, { baseMs: batch.period.start, stepMs: tier.stepMs })));
    w.append(batch.items);
    if (this.options.fsync !== false) w.sync();
    this.catalog.set(tier, batch.period, w.info);
    this.touched.add(path);
    this.head[i] = Math.max(this.head[i]!, batch.period.start);
  }

  /** Periods behind the newest one written are done: compact them and let their files go. */
  private compactBehind(tier: Tier, i: number): void {
    for (const e of this.catalog.list(tier.name)) {
      if (e.period.start < this.head[i]! && this.touched.has(e.path)) this.compact(tier, e.period);
    }
  }

  private compact(tier: Tier, period: Period): void {
    const path = this.catalog.pathOf(tier, period);
    this.writers.get(path)?.close();
    this.writers.delete(path);
    this.touched.delete(path);
    this.catalog.set(tier, period, compactFile(path, { baseMs: period.start, stepMs: tier.stepMs }, this.options.fsync !== false));
  }

  private expire(): void {
    const now = this.now();
    for (const tier of TIERS) {
      const retentionMs = tier.name === '1m' ? this.retention.oneMinuteMs : this.retention.fifteenMinuteMs;
      for (const e of this.catalog.list(tier.name)) {
        if (e.period.end > now - retentionMs) continue;
        this.writers.get(e.path)?.close();
        this.writers.delete(e.path);
        this.touched.delete(e.path);
      }
      this.catalog.expire(tier.name, now - retentionMs);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.options.readOnly) {
      this.closed = true;
      return;
    }
    for (const s of this.series.values()) s.closeBuckets();
    this.writePending();
    for (const path of [...this.touched]) {
      const e = this.catalog.get(path);
      if (e) this.compact(e.tier, e.period);
    }
    for (const w of this.writers.values()) w.close();
    this.writers.clear();
    this.closed = true;
  }

  async query(key: string, from: number, to: number, stepMs: number): Promise<QueryResult> {
    const tierName = chooseTier(from, stepMs, this.now(), this.retention, this.rawSince);
    const state = this.series.get(key);
    if (tierName === 'raw') {
      const points = downsample(state?.ring.read(from, to) ?? emptyRollup(), from, to, stepMs);
      return toResult('raw', stepMs, points);
    }
    const i = TIERS.findIndex((t) => t.name === tierName);
    const tier = TIERS[i]!;
    let parts: Rollup[] = [];
    // A flush between reading the files and taking the in-memory points would count
    // its points twice or not at all: read again when one happened.
    for (let attempt = 0; attempt < 5; attempt++) {
      const generation = this.generation;
      const memory = state?.snapshot(i) ?? emptyRollup();
      const files = await Promise.all(this.catalog.overlapping(tier.name, from, to).map((e) => readFileSeries(e, key)));
      parts = [...files, memory];
      if (generation === this.generation) break;
    }
    const step = Math.max(stepMs, tier.stepMs);
    return toResult(tier.name, step, downsample(mergeRollups(parts), from, to, step, tier.stepMs));
  }

  usage(): HistoryUsage {
    let ringBytes = 0;
    let ringPoints = 0;
    let pending = 0;
    for (const s of this.series.values()) {
      ringBytes += s.ring.bytes;
      ringPoints += s.ring.size;
      pending += s.pendingPoints();
    }
    const tiers = {
      raw: { bytes: ringBytes, points: ringPoints, files: 0 },
      '1m': this.catalog.totals('1m'),
      '15m': this.catalog.totals('15m'),
    };
    return {
      memoryBytes: ringBytes + this.series.size * SERIES_OVERHEAD_BYTES + pending * PENDING_POINT_BYTES,
      diskBytes: tiers['1m'].bytes + tiers['15m'].bytes,
      points: ringPoints + pending + tiers['1m'].points + tiers['15m'].points,
      series: this.series.size,
      tiers,
    };
  }

  setRetention(retention: Partial<Retention>): void {
    const before = this.retention.rawWindowMs;
    this.retention = { ...this.retention, ...retention };
    if (this.retention.rawWindowMs !== before) for (const s of this.series.values()) s.ring = s.ring.resized(this.ringCapacity());
    this.expire();
  }
}

async function readFileSeries(e: CatalogEntry, key: string): Promise<Rollup> {
  let buf: Buffer;
  try {
    buf = await readFile(e.path);
  } catch {
    return emptyRollup(); // expired or being replaced meanwhile: the retry reads it again
  }
  return readSeries(parseFileImage(buf), key, { baseMs: e.period.start, stepMs: e.tier.stepMs });
}

function toResult(tier: QueryResult['tier'], stepMs: number, p: Rollup): QueryResult {
  return { tier, stepMs, t: p.t, min: p.min, avg: p.avg, max: p.max };
}
