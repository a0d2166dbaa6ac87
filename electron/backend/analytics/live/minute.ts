/**
 * Minute means of every series, built sweep by sweep. The detector is fed
 * one point per series per minute (see pipeline.ts for why): a bucket is
 * handed over when the first sample of a later minute arrives, so a point
 * is scored about a minute after its bucket opened.
 */
export interface ClosedBucket {
  key: string;
  /** Bucket start (ms). */
  t: number;
  mean: number;
  count: number;
}

interface OpenBucket {
  start: number;
  sum: number;
  count: number;
  /** When the series was last seen (ms), to forget series that stopped. */
  seen: number;
}

export class BucketAggregator {
  private readonly open = new Map<string, OpenBucket>();

  constructor(readonly stepMs: number) {}

  /** Adds one sample; returns the bucket it closed, if any. */
  add(key: string, t: number, v: number): ClosedBucket | undefined {
    if (!Number.isFinite(v) || !Number.isFinite(t)) return undefined;
    const start = Math.floor(t / this.stepMs) * this.stepMs;
    const b = this.open.get(key);
    if (!b) {
      this.open.set(key, { start, sum: v, count: 1, seen: t });
      return undefined;
    }
    b.seen = Math.max(b.seen, t);
    if (start === b.start) {
      b.sum += v;
      b.count++;
      return undefined;
    }
    if (start < b.start) return undefined; // late sample of a bucket already handed over
    const closed: ClosedBucket = { key, t: b.start, mean: b.sum / b.count, count: b.count };
    b.start = start;
    b.sum = v;
    b.count = 1;
    return closed;
  }

  /** Drops the series not seen since `before` and returns their keys. */
  dropUnseen(before: number): string[] {
    const gone: string[] = [];
    for (const [key, b] of this.open) {
      if (b.seen < before) {
        this.open.delete(key);
        gone.push(key);
      }
    }
    return gone;
  }

  has(key: string): boolean {
    return this.open.has(key);
  }

  get size(): number {
    return this.open.size;
  }
}
