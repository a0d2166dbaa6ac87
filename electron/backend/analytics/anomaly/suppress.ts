/**
 * Step 4 of scoring: one event, one detection. NAB credits only the first
 * detection in a window and charges for every detection outside one, and an
 * operator wants one alert per incident, not one per sample.
 *
 * A raw score passes at full height only if it beats the fading peak of
 * earlier raw scores by a margin, plus an extra margin just after a score
 * passed (an event's second sample is often a little rarer than its first).
 * Otherwise it is scaled down. The peak fades with a half-life, so a new
 * event some time later passes again.
 */
import type { DetectorState } from './state.js';

export function suppressRepeats(s: DetectorState, score: number): number {
  const p = s.params;
  const boost = p.suppressBoost * Math.exp(-(s.count - s.lastPass) / p.boostPoints);
  const passes = score > s.peak + p.suppressMargin + boost;
  if (passes) s.lastPass = s.count;
  s.peak = Math.max(s.peak * Math.pow(0.5, 1 / p.suppressHalfLife), score);
  return passes ? score : p.suppressFactor * score;
}
