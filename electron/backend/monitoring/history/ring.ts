/**
 * Full-resolution samples of one series for the recent window, in a fixed-size ring:
 * times as u32 milliseconds from a per-ring base (re-based when that would overflow,
 * about every 49 days) and values as f64, 12 bytes a slot. Samples older than the newest
 * one are ignored here (the roll-ups still count them).
 */
import { emptyRollup, type Rollup } from './chunk.js';

const MAX_TICK = 0xffffffff;
export const RING_SLOT_BYTES = 12;

export class RawRing {
  private ticks: Uint32Array;
  private values: Float64Array;
  private base = 0;
  private head = 0; // next slot to write
  size = 0;

  constructor(capacity: number) {
    this.ticks = new Uint32Array(Math.max(1, capacity));
    this.values = new Float64Array(Math.max(1, capacity));
  }

  get capacity(): number {
    return this.ticks.length;
  }

  get bytes(): number {
    return this.capacity * RING_SLOT_BYTES;
  }

  private timeAt(slot: number): number {
    return this.base + this.ticks[slot]!;
  }

  private slotOf(i: number): number {
    return (this.head - this.size + i + this.capacity) % this.capacity;
  }

  newest(): number {
    return this.size > 0 ? this.timeAt(this.slotOf(this.size - 1)) : -Infinity;
  }

  oldest(): number {
    return this.size > 0 ? this.timeAt(this.slotOf(0)) : Infinity;
  }

  push(t: number, v: number): void {
    if (this.size === 0) this.base = t;
    else if (t <= this.newest()) return;
    if (t - this.base > MAX_TICK) this.rebase(t);
    this.ticks[this.head] = t - this.base;
    this.values[this.head] = v;
    this.head = (this.head + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** Moves the base to the oldest kept sample (dropping any that would not fit). */
  private rebase(t: number): void {
    const kept = this.read(t - MAX_TICK, Infinity);
    this.size = 0;
    this.head = 0;
    this.base = kept.t[0] ?? t;
    for (let i = 0; i < kept.t.length; i++) this.push(kept.t[i]!, kept.avg[i]!);
  }

  /** Samples with from <= t < to, each as a point of one sample. */
  read(from: number, to: number): Rollup {
    const out = emptyRollup();
    for (let i = 0; i < this.size; i++) {
      const slot = this.slotOf(i);
      const t = this.timeAt(slot);
      if (t < from || t >= to) continue;
      const v = this.values[slot]!;
      out.t.push(t);
      out.min.push(v);
      out.avg.push(v);
      out.max.push(v);
      out.count.push(1);
    }
    return out;
  }

  /** A ring of another size holding the newest samples of this one. */
  resized(capacity: number): RawRing {
    const next = new RawRing(capacity);
    const all = this.read(-Infinity, Infinity);
    const skip = Math.max(0, all.t.length - next.capacity);
    for (let i = skip; i < all.t.length; i++) next.push(all.t[i]!, all.avg[i]!);
    return next;
  }
}
