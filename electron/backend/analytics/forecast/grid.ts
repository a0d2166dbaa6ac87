/**
 * Putting a series on a regular grid. Collectors miss samples, clocks repeat
 * an hour at a DST change, and rows arrive with the same timestamp; the
 * models below want one value per step. So: pick the step (the most common
 * spacing between distinct timestamps), average the rows that fall in the
 * same step, and fill the steps with no row by straight lines between their
 * neighbours.
 */

export interface Grid {
  /** Time of slot 0 (ms). */
  readonly startMs: number;
  readonly stepMs: number;
  /** One value per slot; slots without a row are interpolated. */
  readonly values: Float64Array;
  /** How many slots had no row of their own. */
  readonly filled: number;
}

/** The most common positive gap between consecutive timestamps (ms). */
export function detectStep(times: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = 0;
  let seen = 0;
  for (const [gap, n] of counts) {
    if (n > seen || (n === seen && gap < best)) {
      best = gap;
      seen = n;
    }
  }
  if (best <= 0) throw new Error('a series needs at least two distinct timestamps');
  return best;
}

/** Slot of time t on a grid starting at startMs (nearest slot). */
export function locateSlot(t: number, startMs: number, stepMs: number): number {
  return Math.round((t - startMs) / stepMs);
}

/**
 * Averages rows into their slots and interpolates the empty ones. Rows may be
 * out of order or share timestamps; the grid spans the first to the last time.
 */
export function resampleToGrid(times: ArrayLike<number>, values: ArrayLike<number>, stepMs = detectStep(times)): Grid {
  if (times.length !== values.length) throw new Error('times and values differ in length');
  if (times.length === 0) throw new Error('an empty series has no grid');
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] ?? 0;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const slots = locateSlot(last, first, stepMs) + 1;
  const sums = new Float64Array(slots);
  const counts = new Uint32Array(slots);
  for (let i = 0; i < times.length; i++) {
    const v = values[i] ?? Number.NaN;
    if (!Number.isFinite(v)) continue;
    const k = locateSlot(times[i] ?? 0, first, stepMs);
    sums[k] = (sums[k] ?? 0) + v;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const out = new Float64Array(slots);
  let filled = 0;
  let prev = -1;
  for (let k = 0; k < slots; k++) {
    const c = counts[k] ?? 0;
    if (c === 0) continue;
    out[k] = (sums[k] ?? 0) / c;
    fillBetween(out, prev, k);
    filled += prev < 0 ? k : k - prev - 1;
    prev = k;
  }
  if (prev < 0) throw new Error('a series needs at least one finite value');
  // Nothing after the last real row can be empty (the grid ends there), but a
  // non-finite last value can leave a tail: hold the last value.
  for (let k = prev + 1; k < slots; k++) out[k] = out[prev] ?? 0;
  filled += slots - prev - 1;
  return { startMs: first, stepMs, values: out, filled };
}

/** Straight line between slots a and b (exclusive); before the first row, the first value. */
function fillBetween(out: Float64Array, a: number, b: number): void {
  const vb = out[b] ?? 0;
  if (a < 0) {
    for (let k = 0; k < b; k++) out[k] = vb;
    return;
  }
  const va = out[a] ?? 0;
  for (let k = a + 1; k < b; k++) out[k] = va + ((vb - va) * (k - a)) / (b - a);
}
