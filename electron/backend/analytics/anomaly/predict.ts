/**
 * Step 1 of scoring: how far a new value is from what the predictors
 * expected, before the predictors learn from it.
 */
import { pushRing, readRing, type Ring } from './ring.js';
import { createProfile, findBucket, isReady, learnOffset, type Profile } from './seasonal.js';
import { PREDICTORS, STEP_SAMPLES, type DetectorState } from './state.js';

const DAY_MS = 24 * 3600_000;
/** A seasonal predictor is trusted once it has this many errors behind it. */
const MIN_ERROR_SAMPLES = 20;
/**
 * Drift clips each scaled error to this many typical (mean absolute) errors,
 * about 3 standard deviations for normal noise, so one spike cannot dominate.
 */
const DRIFT_CLIP = 4;

/** Median of a small ring's values (insertion sort into scratch). */
export function takeMedian(ring: Ring, scratch: Float64Array): number {
  const n = ring.size;
  for (let i = 0; i < n; i++) {
    const v = ring.data[i] ?? 0;
    let j = i - 1;
    while (j >= 0 && (scratch[j] ?? 0) > v) {
      scratch[j + 1] = scratch[j] ?? 0;
      j--;
    }
    scratch[j + 1] = v;
  }
  const mid = n >> 1;
  return n % 2 === 1 ? (scratch[mid] ?? 0) : 0.5 * ((scratch[mid - 1] ?? 0) + (scratch[mid] ?? 0));
}

/** Once the sampling step is known (median of the first steps), sizes the seasonal profiles to it. */
export function startProfiles(s: DetectorState, t: number): void {
  if (s.day || s.steps.size < STEP_SAMPLES) return;
  const step = takeMedian(s.steps, s.scratch);
  const p = s.params;
  s.day = createProfile(DAY_MS, step, p.maxDayBuckets, p.profileRate);
  s.week = createProfile(7 * DAY_MS, step, p.maxWeekBuckets, p.profileRate);
  s.day.startMs = t;
  s.week.startMs = t;
}

/** The seasonal profiles with their predictor index, for loops. */
function listSeasons(s: DetectorState): readonly (readonly [number, Profile | null])[] {
  return [
    [1, s.day],
    [2, s.week],
  ];
}

/** Signed error of a seasonal guess in units of its typical error, or NaN while it cannot guess. */
function measureSeasonal(s: DetectorState, p: Profile | null, k: number, t: number, x: number, floor: number): number {
  if (!p || (s.errorSamples[k] ?? 0) < MIN_ERROR_SAMPLES) return Number.NaN;
  const b = findBucket(p, t);
  if (!isReady(p, b, t)) return Number.NaN;
  // The bucket's own error where it is larger: phases that are always noisy stay quiet.
  const scale = Math.max(p.errors[b] ?? 0, 0.5 * (s.typicalError[k] ?? 0), floor);
  return (x - s.level - (p.offsets[b] ?? 0)) / scale;
}

/** Keeps a predictor's typical absolute error (a plain mean at first, then exponential). */
function learnError(s: DetectorState, k: number, err: number): void {
  const n = (s.errorSamples[k] ?? 0) + 1;
  s.errorSamples[k] = n;
  const w = Math.max(s.params.errorRate, 1 / n);
  const e = s.typicalError[k] ?? 0;
  s.typicalError[k] = e + w * (err - e);
}

/**
 * Drift: the signed error of the slow baseline with the smallest typical error
 * (the level, or the level plus a seasonal offset), clipped, summed over the
 * last few samples and divided by the square root of their number. A level
 * shift drives it far from zero; noise and lone spikes do not.
 */
function measureDrift(s: DetectorState, t: number, x: number, floor: number): void {
  let residual = x - s.level;
  let scale = s.spread;
  for (const [k, p] of listSeasons(s)) {
    if (!p || (s.errorSamples[k] ?? 0) < MIN_ERROR_SAMPLES || (s.typicalError[k] ?? 0) >= scale) continue;
    const b = findBucket(p, t);
    if (!isReady(p, b, t)) continue;
    residual = x - s.level - (p.offsets[b] ?? 0);
    scale = s.typicalError[k] ?? 0;
  }
  const z = Math.max(-DRIFT_CLIP, Math.min(DRIFT_CLIP, residual / Math.max(scale, floor)));
  const r = s.drifts;
  const dropped = r.size === r.data.length ? readRing(r, r.data.length - 1) : 0;
  pushRing(r, z);
  s.driftSum += z - dropped;
  s.drift = s.driftSum / Math.sqrt(r.size);
}

/**
 * Surprise of x: sign(e) * log(1 + |e|), where e is the scaled error of the
 * predictor that explains x best. A value is surprising only if no predictor
 * expected it. Also updates the drift and the predictors' typical errors.
 */
export function measureSurprise(s: DetectorState, t: number, x: number): number {
  // Flat series have no error to scale by: fall back to a sliver of their spread.
  const floor = 1e-3 * s.spread + 1e-9 * Math.abs(s.level) + 1e-12;
  const local = takeMedian(s.recent, s.scratch);
  s.z[0] = (x - local) / Math.max(s.typicalError[0] ?? 0, floor);
  for (const [k, p] of listSeasons(s)) s.z[k] = measureSeasonal(s, p, k, t, x, floor);
  measureDrift(s, t, x, floor);

  let best = s.z[0] ?? 0;
  for (let k = 1; k < PREDICTORS; k++) {
    const zk = s.z[k] ?? Number.NaN;
    if (!Number.isNaN(zk) && Math.abs(zk) < Math.abs(best)) best = zk;
  }

  learnError(s, 0, Math.abs(x - local));
  for (const [k, p] of listSeasons(s)) {
    if (!p) continue;
    const b = findBucket(p, t);
    if (isReady(p, b, t)) learnError(s, k, Math.abs(x - s.level - (p.offsets[b] ?? 0)));
  }
  return Math.sign(best) * Math.log1p(Math.abs(best));
}

/** Step 2: the level, spread, seasonal profiles and recent values learn from x. */
export function learnBaselines(s: DetectorState, t: number, x: number, dt: number): void {
  const a = s.count === 0 ? 1 : 1 - Math.exp(-dt / s.params.levelTauMs);
  s.level += a * (x - s.level);
  const w = Math.max(s.params.errorRate, 1 / (s.count + 1));
  s.spread += w * (Math.abs(x - s.level) - s.spread);
  for (const [, p] of listSeasons(s)) if (p) learnOffset(p, findBucket(p, t), t, x - s.level);
  pushRing(s.recent, x);
}
