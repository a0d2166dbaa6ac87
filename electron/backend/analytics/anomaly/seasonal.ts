/**
 * A seasonal profile: for each phase of a period (time of day, time of week),
 * in a fixed number of buckets, the typical offset of the series from its
 * slow level and the typical size of the error of that guess. Buckets learn
 * by exponential forgetting, so a changed pattern replaces the old one after
 * a few periods.
 */
export interface Profile {
  readonly periodMs: number;
  readonly offsets: Float32Array;
  readonly errors: Float32Array;
  /** Visits per bucket, capped at 255. */
  readonly visits: Uint8Array;
  /** Weight of one point in its bucket (smaller when many points share a bucket). */
  readonly rate: number;
  /** Time of the first value, to know when a full period has been seen. */
  startMs: number;
}

/**
 * A profile with one bucket per sampling step, but no more than maxBuckets;
 * `rate` is the weight of one period's worth of points in a bucket.
 */
export function createProfile(periodMs: number, stepMs: number, maxBuckets: number, rate: number): Profile {
  const buckets = Math.max(1, Math.min(maxBuckets, Math.round(periodMs / Math.max(stepMs, 1))));
  const pointsPerBucket = Math.max(1, periodMs / buckets / Math.max(stepMs, 1));
  return {
    periodMs,
    offsets: new Float32Array(buckets),
    errors: new Float32Array(buckets),
    visits: new Uint8Array(buckets),
    rate: rate / pointsPerBucket,
    startMs: Number.NaN,
  };
}

/** Bucket of time t (ms since the epoch, read as UTC). */
export function findBucket(profile: Profile, t: number): number {
  const n = profile.offsets.length;
  const phase = (((t % profile.periodMs) + profile.periodMs) % profile.periodMs) / profile.periodMs;
  return Math.min(n - 1, Math.floor(phase * n));
}

/** Whether the profile has a full period of history and has seen bucket b. */
export function isReady(profile: Profile, b: number, t: number): boolean {
  return t - profile.startMs >= profile.periodMs && (profile.visits[b] ?? 0) > 1;
}

export function learnOffset(profile: Profile, b: number, t: number, offset: number): void {
  if (Number.isNaN(profile.startMs)) profile.startMs = t;
  const seen = profile.visits[b] ?? 0;
  const old = profile.offsets[b] ?? 0;
  // The first visits average plainly, then forgetting takes over.
  const w = Math.max(profile.rate, 1 / (seen + 1));
  if (seen > 0) {
    const err = profile.errors[b] ?? 0;
    profile.errors[b] = err + (seen > 1 ? w : 1) * (Math.abs(offset - old) - err);
  }
  profile.offsets[b] = old + w * (offset - old);
  if (seen < 255) profile.visits[b] = seen + 1;
}
