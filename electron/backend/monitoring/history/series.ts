/**
 * The in-memory side of one series: its ring of recent samples, the bucket each tier is
 * filling, and the closed buckets waiting for the next flush.
 */
import { dequantiser, emptyRollup, type Rollup } from './chunk.js';
import { RawRing } from './ring.js';
import { appendPoint, Bucket } from './rollup.js';
import { TIERS } from './tiers.js';

/** Rough per-series cost beyond the ring: the map entry, the key, the buckets. */
export const SERIES_OVERHEAD_BYTES = 400;
export const PENDING_POINT_BYTES = 40;

export class SeriesState {
  ring: RawRing;
  private readonly open: (Bucket | null)[] = TIERS.map(() => null);
  private pending: Rollup[] = TIERS.map(() => emptyRollup());
  private readonly scale: (q: number) => number;

  constructor(
    readonly key: string,
    readonly precision: number,
    ringCapacity: number,
  ) {
    this.ring = new RawRing(ringCapacity);
    this.scale = dequantiser(precision);
  }

  add(t: number, v: number): void {
    this.ring.push(t, this.scale(Math.round(v / this.precision)));
    TIERS.forEach((tier, i) => {
      const start = Math.floor(t / tier.stepMs) * tier.stepMs;
      const b = this.open[i];
      if (b && b.start === start) return b.add(v);
      if (b && start < b.start) {
        // A late sample: its own point, merged with the bucket's other points on read.
        const late = new Bucket(start);
        late.add(v);
        return late.pushTo(this.pending[i]!);
      }
      b?.pushTo(this.pending[i]!);
      const next = new Bucket(start);
      next.add(v);
      this.open[i] = next;
    });
  }

  /** Moves the open buckets to the pending ones (at close). */
  closeBuckets(): void {
    this.open.forEach((b, i) => b?.pushTo(this.pending[i]!));
    this.open.fill(null);
  }

  takePending(tier: number): Rollup {
    const p = this.pending[tier]!;
    this.pending[tier] = emptyRollup();
    return p;
  }

  /** Puts back points whose write failed, ahead of anything added since. */
  restorePending(tier: number, points: Rollup): void {
    const now = this.pending[tier]!;
    for (let i = 0; i < now.t.length; i++) appendPoint(points, now, i);
    this.pending[tier] = points;
  }

  /** A copy of what this tier holds in memory: pending points plus the open bucket. */
  snapshot(tier: number): Rollup {
    const out = emptyRollup();
    const p = this.pending[tier]!;
    for (let i = 0; i < p.t.length; i++) appendPoint(out, p, i);
    this.open[tier]?.pushTo(out);
    return out;
  }

  pendingPoints(): number {
    return this.pending.reduce((s, p) => s + p.t.length, 0);
  }
}
