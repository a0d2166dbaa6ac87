/**
 * The retry queue of remote write: samples wait here until Prometheus has
 * taken them. It is bounded twice: by count (the oldest sample makes room for
 * the newest) and by age (a sample older than the window is given up,
 * Prometheus would refuse it anyway). Every sample given up is counted, by
 * reason, so the loss is visible.
 *
 * The samples of the request in flight move to a batch of their own: they
 * stay counted in the queue's size (and subject to its bounds) until the
 * request succeeds (sent) or is refused (dropped as rejected), and a retry
 * sends the same batch again, so samples leave in the order they came.
 */
import type { SeriesRef } from './series-index.js';

export interface QueuedSample {
  ref: SeriesRef;
  t: number;
  v: number;
}

export interface DropCounts {
  queueFull: number;
  tooOld: number;
  rejected: number;
}

const INITIAL_CAPACITY = 4096;

export class SampleQueue {
  // A ring of the waiting samples: typed arrays for time and value, references for the series.
  private refs: (SeriesRef | undefined)[] = [];
  private ts = new Float64Array(0);
  private vs = new Float64Array(0);
  private head = 0;
  private count = 0;
  private batch: QueuedSample[] = [];
  readonly dropped: DropCounts = { queueFull: 0, tooOld: 0, rejected: 0 };
  sent = 0;

  constructor(
    private maxSamples: number,
    private maxAgeMs: number,
  ) {
    this.resize(Math.min(INITIAL_CAPACITY, maxSamples));
  }

  /** Waiting samples plus those of the batch in flight. */
  get size(): number {
    return this.count + this.batch.length;
  }

  /** Samples not yet in a batch. */
  get waiting(): number {
    return this.count;
  }

  get limit(): number {
    return this.maxSamples;
  }

  get windowMs(): number {
    return this.maxAgeMs;
  }

  /** The time of the oldest sample held, or null when empty. */
  oldestT(): number | null {
    if (this.batch.length > 0) return this.batch[0]!.t;
    return this.count > 0 ? this.ts[this.head]! : null;
  }

  setLimits(maxSamples: number, maxAgeMs: number): void {
    this.maxSamples = maxSamples;
    this.maxAgeMs = maxAgeMs;
    while (this.size > maxSamples) this.dropOldest();
    const capacity = this.ts.length;
    if (capacity > maxSamples) this.resize(Math.max(this.count, maxSamples));
  }

  push(ref: SeriesRef, t: number, v: number): void {
    while (this.size >= this.maxSamples) this.dropOldest();
    if (this.count === this.ts.length) this.resize(Math.min(this.maxSamples, Math.max(INITIAL_CAPACITY, this.ts.length * 2)));
    const i = (this.head + this.count) % this.ts.length;
    this.refs[i] = ref;
    this.ts[i] = t;
    this.vs[i] = v;
    this.count++;
  }

  /** Gives up the samples older than `now` minus the window; returns how many. */
  dropExpired(now: number): number {
    const cutoff = now - this.maxAgeMs;
    const before = this.batch.length;
    if (before > 0 && this.batch[0]!.t < cutoff) this.batch = this.batch.filter((s) => s.t >= cutoff);
    let n = before - this.batch.length;
    while (this.count > 0 && this.ts[this.head]! < cutoff) {
      this.shiftRing();
      n++;
    }
    this.dropped.tooOld += n;
    return n;
  }

  /** The batch in flight, first forming it from up to `max` waiting samples when there is none. */
  takeBatch(max: number): readonly QueuedSample[] {
    if (this.batch.length > 0) return this.batch;
    const n = Math.min(max, this.count);
    const out: QueuedSample[] = new Array<QueuedSample>(n);
    for (let k = 0; k < n; k++) {
      const i = this.head;
      out[k] = { ref: this.refs[i]!, t: this.ts[i]!, v: this.vs[i]! };
      this.shiftRing();
    }
    this.batch = out;
    return out;
  }

  /** The receiver took the batch. */
  ackBatch(): number {
    const n = this.batch.length;
    this.sent += n;
    this.batch = [];
    return n;
  }

  /** The receiver refused the batch for good (a 4xx): its samples are dropped. */
  rejectBatch(): number {
    const n = this.batch.length;
    this.dropped.rejected += n;
    this.batch = [];
    return n;
  }

  /** Empties the queue (remote write turned off); the samples count as dropped for lack of room. */
  clear(): void {
    this.dropped.queueFull += this.size;
    this.batch = [];
    this.refs.fill(undefined);
    this.head = 0;
    this.count = 0;
  }

  private dropOldest(): void {
    if (this.batch.length > 0) this.batch.shift();
    else this.shiftRing();
    this.dropped.queueFull++;
  }

  private shiftRing(): void {
    this.refs[this.head] = undefined; // let a forgotten series' labels be collected
    this.head = (this.head + 1) % this.ts.length;
    this.count--;
  }

  private resize(capacity: number): void {
    const refs: (SeriesRef | undefined)[] = new Array<SeriesRef | undefined>(capacity);
    const ts = new Float64Array(capacity);
    const vs = new Float64Array(capacity);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) % this.ts.length;
      refs[k] = this.refs[i];
      ts[k] = this.ts[i]!;
      vs[k] = this.vs[i]!;
    }
    this.refs = refs;
    this.ts = ts;
    this.vs = vs;
    this.head = 0;
  }
}
