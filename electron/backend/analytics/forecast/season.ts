/**
 * Finding the seasonal period of a series and a first guess of its shape.
 * Calendar periods come first: a day or a week at the series' step, when
 * the data spans at least two of them and the autocorrelation at that lag,
 * once the slow level is taken out, shows that the cycle is really there.
 * Without a calendar fit (a step that does not divide a day, or an index
 * instead of times) the strongest autocorrelation peak is taken instead.
 */

const DAY_MS = 86_400_000;
/** Autocorrelation a cycle needs at its lag to count as seasonal. */
const MIN_CORRELATION = 0.1;
/** The same for a period found without the calendar (a stricter test). */
const MIN_PEAK_CORRELATION = 0.3;
/** Data must span this many cycles for a period to be offered. */
const MIN_CYCLES = 2;

/** Candidate periods in steps, strongest first (possibly none). */
export function detectPeriods(y: ArrayLike<number>, stepMs: number): number[] {
  const found: { period: number; r: number }[] = [];
  const perDay = DAY_MS / stepMs;
  if (Number.isInteger(perDay) && perDay >= 4) {
    for (const period of [perDay, 7 * perDay]) {
      if (y.length < MIN_CYCLES * period) continue;
      const r = correlateAtLag(removeLevel(y, period), period);
      if (r >= MIN_CORRELATION) found.push({ period, r });
    }
  } else {
    const peak = findCorrelationPeak(y);
    if (peak) found.push(peak);
  }
  return found.sort((a, b) => b.r - a.r).map((f) => f.period);
}

/** The series minus its centred moving average over one period (the slow level). */
export function removeLevel(y: ArrayLike<number>, period: number): Float64Array {
  const n = y.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] ?? 0) + (y[i] ?? 0);
  const half = Math.floor(period / 2);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - half);
    const b = Math.min(n, a + period);
    const a2 = Math.max(0, b - period);
    out[i] = (y[i] ?? 0) - ((prefix[b] ?? 0) - (prefix[a2] ?? 0)) / (b - a2);
  }
  return out;
}

/** Sample autocorrelation of x at one lag. */
export function correlateAtLag(x: ArrayLike<number>, lag: number): number {
  const n = x.length;
  if (lag >= n) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] ?? 0;
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] ?? 0) - mean;
    den += d * d;
    if (i + lag < n) num += d * ((x[i + lag] ?? 0) - mean);
  }
  return den > 0 ? num / den : 0;
}

/** The highest local maximum of the autocorrelation of the detrended series (lags 2..n/2). */
function findCorrelationPeak(y: ArrayLike<number>): { period: number; r: number } | undefined {
  const x = removeLine(y);
  const maxLag = Math.floor(y.length / MIN_CYCLES);
  let best: { period: number; r: number } | undefined;
  let prev = correlateAtLag(x, 1);
  let cur = correlateAtLag(x, 2);
  for (let lag = 2; lag < maxLag; lag++) {
    const next = correlateAtLag(x, lag + 1);
    if (cur > prev && cur >= next && cur >= MIN_PEAK_CORRELATION && (!best || cur > best.r)) best = { period: lag, r: cur };
    prev = cur;
    cur = next;
  }
  return best;
}

/** Least-squares line through (i, y_i): intercept and slope. */
export function fitLine(y: ArrayLike<number>, from = 0, to = y.length): { intercept: number; slope: number } {
  const n = to - from;
  if (n <= 0) return { intercept: 0, slope: 0 };
  let sx = 0;
  let sy = 0;
  for (let i = from; i < to; i++) {
    sx += i - from;
    sy += y[i] ?? 0;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = from; i < to; i++) {
    const dx = i - from - mx;
    sxy += dx * ((y[i] ?? 0) - my);
    sxx += dx * dx;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope };
}

function removeLine(y: ArrayLike<number>): Float64Array {
  const { intercept, slope } = fitLine(y);
  return Float64Array.from({ length: y.length }, (_, i) => (y[i] ?? 0) - intercept - slope * i);
}

/**
 * First guess of the seasonal offsets: for each phase, the median over all
 * cycles of the series minus its moving average, shifted to sum to zero.
 * Medians keep a spike in one cycle out of the shape.
 */
export function estimateSeason(y: ArrayLike<number>, period: number): Float64Array {
  const detrended = removeLevel(y, period);
  const season = new Float64Array(period);
  const bucket: number[] = [];
  for (let p = 0; p < period; p++) {
    bucket.length = 0;
    for (let i = p; i < y.length; i += period) bucket.push(detrended[i] ?? 0);
    season[p] = medianOf(bucket);
  }
  let mean = 0;
  for (let p = 0; p < period; p++) mean += season[p] ?? 0;
  mean /= period;
  for (let p = 0; p < period; p++) season[p] = (season[p] ?? 0) - mean;
  return season;
}

export function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
