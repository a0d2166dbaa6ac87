/**
 * A fading histogram of a non-negative quantity (here: surprise), used to ask
 * "how often, lately, has a value at least this large been seen?". Old counts
 * fade with a fixed rate, so the answer reflects roughly the last 1/rate
 * points, in a fixed number of bins.
 */
export interface Histogram {
  readonly bins: Float32Array;
  readonly width: number;
  /** Weight the next value adds; grows each step instead of fading every bin. */
  weight: number;
  readonly growth: number;
  total: number;
  /** Highest bin ever filled (-1 when empty); its counts may have faded since. */
  top: number;
}

export function createHistogram(bins: number, width: number, rate: number): Histogram {
  return { bins: new Float32Array(bins), width, weight: 1, growth: 1 / (1 - rate), total: 0, top: -1 };
}

function findBin(h: Histogram, value: number): number {
  return Math.max(0, Math.min(h.bins.length - 1, Math.floor(value / h.width)));
}

export function addValue(h: Histogram, value: number): void {
  const b = findBin(h, value);
  h.bins[b] = (h.bins[b] ?? 0) + h.weight;
  h.total += h.weight;
  if (b > h.top) h.top = b;
  h.weight *= h.growth;
  // Float32 bins: rescale long before their range (3e38) runs out.
  if (h.weight > 1e20) rescaleHistogram(h);
}

/** Keeps the numbers finite: divide everything by the current weight. */
function rescaleHistogram(h: Histogram): void {
  const k = 1 / h.weight;
  for (let i = 0; i < h.bins.length; i++) h.bins[i] = (h.bins[i] ?? 0) * k;
  h.total *= k;
  h.weight = 1;
}

/**
 * -log10 of the fraction of held values at or above `value`, with `prior`
 * pseudo-points at the top so the fraction never reaches 0. Beyond the largest
 * value seen it keeps falling by one decade per `decade` of extra value, so
 * a surprise far outside anything seen still ranks above one just outside.
 */
export function rateRarity(h: Histogram, value: number, prior: number, decade: number): number {
  const b = findBin(h, value);
  let above = 0;
  for (let i = b; i <= h.top; i++) above += h.bins[i] ?? 0;
  above /= h.weight;
  const held = h.total / h.weight;
  let log10 = -Math.log10((above + prior) / (held + prior));
  const edge = (h.top + 1) * h.width;
  if (value > edge) log10 += (value - edge) / decade;
  return log10;
}
