/**
 * The streaming detector for one series. Each value is scored as it arrives,
 * from state built only from earlier values; the state has a fixed size
 * whatever the length of the series. Per sample:
 *
 *  1. predict.ts: three predictors guess the value before seeing it (median
 *     of the last few values; slow level plus time-of-day offset; slow level
 *     plus time-of-week offset). Surprise is the log of the smallest error in
 *     units of that predictor's typical error. Drift sums the slow
 *     baseline's signed errors over a few samples.
 *  2. The baselines learn from the value (a shift becomes the new normal
 *     after about a day: the level's time constant).
 *  3. rarity.ts: surprise, its moving average and the drift are ranked
 *     against their own recent history; the rarest, in decades, is the raw
 *     score in [0, 1].
 *  4. suppress.ts: repeats of an event already reported are scaled down.
 */
import { learnBaselines, measureSurprise, startProfiles } from './predict.js';
import { rateSurprise } from './rarity.js';
import { pushRing } from './ring.js';
import type { DetectorState } from './state.js';
import { suppressRepeats } from './suppress.js';

export { createDetector, type DetectorState } from './state.js';

/** Scores one sample; t in ms since the epoch. Timestamps may repeat or jump; a non-finite value scores 0 and is skipped. */
export function scorePoint(s: DetectorState, t: number, x: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(t)) return 0;
  const dt = Number.isNaN(s.lastT) ? 0 : Math.max(0, t - s.lastT);
  if (dt > 0) pushRing(s.steps, dt);
  startProfiles(s, t);
  const surprise = s.count > 0 ? measureSurprise(s, t, x) : 0;
  learnBaselines(s, t, x, dt);
  const raw = rateSurprise(s, surprise);
  s.lastT = Number.isNaN(s.lastT) ? t : Math.max(s.lastT, t);
  const out = suppressRepeats(s, raw);
  s.count++;
  return out;
}
