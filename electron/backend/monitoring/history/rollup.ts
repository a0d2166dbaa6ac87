/**
 * Roll-up arithmetic: buckets that gather samples into min/avg/max/count, the merge of
 * points that share a bucket (a bucket written partly before a restart and partly after),
 * and the re-bucketing of points to a query's step. Averages are weighted by the number
 * of samples behind each point, so coarser buckets stay exact averages of the samples.
 */
import { emptyRollup, type Rollup } from './chunk.js';
import type { Period, Tier } from './tiers.js';

export class Bucket {
  min = Infinity;
  max = -Infinity;
  sum = 0;
  count = 0;
  constructor(readonly start: number) {}

  add(v: number): void {
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.sum += v;
    this.count++;
  }

  pushTo(out: Rollup): void {
    out.t.push(this.start);
    out.min.push(this.min);
    out.avg.push(this.sum / this.count);
    out.max.push(this.max);
    out.count.push(this.count);
  }
}

export function appendPoint(out: Rollup, src: Rollup, i: number): void {
  out.t.push(src.t[i]!);
  out.min.push(src.min[i]!);
  out.avg.push(src.avg[i]!);
  out.max.push(src.max[i]!);
  out.count.push(src.count[i]!);
}

/** Folds point i of src into the last point of out (same bucket). */
function foldInto(out: Rollup, src: Rollup, i: number): void {
  const j = out.t.length - 1;
  const n = out.count[j]! + src.count[i]!;
  out.avg[j] = (out.avg[j]! * out.count[j]! + src.avg[i]! * src.count[i]!) / n;
  out.min[j] = Math.min(out.min[j]!, src.min[i]!);
  out.max[j] = Math.max(out.max[j]!, src.max[i]!);
  out.count[j] = n;
}

function isOrdered(parts: Rollup[]): boolean {
  let last = -Infinity;
  for (const p of parts) {
    for (const t of p.t) {
      if (t <= last) return false;
      last = t;
    }
  }
  return true;
}

/** One time-ordered series from several pieces; points of the same bucket are merged. */
export function mergeRollups(parts: Rollup[]): Rollup {
  const nonEmpty = parts.filter((p) => p.t.length > 0);
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  if (isOrdered(nonEmpty)) {
    const cat = (f: keyof Rollup) => ([] as number[]).concat(...nonEmpty.map((p) => p[f]));
    return { t: cat('t'), min: cat('min'), avg: cat('avg'), max: cat('max'), count: cat('count') };
  }
  const out = emptyRollup();
  const refs: [Rollup, number][] = [];
  for (const p of nonEmpty) for (let i = 0; i < p.t.length; i++) refs.push([p, i]);
  refs.sort((a, b) => a[0].t[a[1]]! - b[0].t[b[1]]!);
  for (const [p, i] of refs) {
    if (out.t.length > 0 && out.t[out.t.length - 1] === p.t[i]) foldInto(out, p, i);
    else appendPoint(out, p, i);
  }
  return out;
}

/**
 * The points of [from, to) re-bucketed to stepMs (bucket starts aligned to multiples of
 * the step); with a step at or below the points' own spacing they pass through.
 */
export function downsample(points: Rollup, from: number, to: number, stepMs: number, spacingMs = 0): Rollup {
  if (stepMs <= spacingMs) return sliceRange(points, from, to);
  const out = emptyRollup();
  for (let i = 0; i < points.t.length; i++) {
    const t = points.t[i]!;
    if (t < from || t >= to) continue;
    const start = stepMs > 1 ? Math.floor(t / stepMs) * stepMs : t;
    if (out.t.length > 0 && out.t[out.t.length - 1] === start) foldInto(out, points, i);
    else {
      appendPoint(out, points, i);
      out.t[out.t.length - 1] = start;
    }
  }
  return out;
}

/** Index of the first point at or after t (binary search). */
function lowerBound(ts: number[], t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The points of [from, to), unchanged. */
export function sliceRange(p: Rollup, from: number, to: number): Rollup {
  const a = lowerBound(p.t, from);
  const b = lowerBound(p.t, to);
  if (a === 0 && b === p.t.length) return p;
  return { t: p.t.slice(a, b), min: p.min.slice(a, b), avg: p.avg.slice(a, b), max: p.max.slice(a, b), count: p.count.slice(a, b) };
}

/** Points grouped by the period file of a tier they belong in. */
export function splitByPeriod(points: Rollup, tier: Tier): [Period, Rollup][] {
  const out = new Map<string, [Period, Rollup]>();
  for (let i = 0; i < points.t.length; i++) {
    const period = tier.periodOf(points.t[i]!);
    let entry = out.get(period.file);
    if (!entry) out.set(period.file, (entry = [period, emptyRollup()]));
    appendPoint(entry[1], points, i);
  }
  return [...out.values()];
}
