/**
 * Step 3 of scoring: how rare this sample's surprise, the recent average
 * surprise and the drift are, each compared with its own recent history (the
 * idea behind HTM's "anomaly likelihood": judge a score by the distribution of
 * earlier scores, not by a fixed scale). Surprise and drift keep a histogram
 * per direction, so a first large drop counts as new even after many rises.
 */
import { addValue, rateRarity, type Histogram } from './histogram.js';
import { pushRing, readRing } from './ring.js';
import type { DetectorState } from './state.js';

/** Pseudo-count of "even larger" values, so nothing is ever infinitely rare. */
const PRIOR = 1;

function rateSigned(up: Histogram, down: Histogram, v: number, decade: number): number {
  return v >= 0 ? rateRarity(up, v, PRIOR, decade) : rateRarity(down, -v, PRIOR, decade);
}

function learnSigned(up: Histogram, down: Histogram, v: number): void {
  addValue(v >= 0 ? up : down, Math.abs(v));
}

/** Raw score in [0, 1]: -log10 of the rarest of the three, over saturationLog10. */
export function rateSurprise(s: DetectorState, signedSurprise: number): number {
  const p = s.params;
  const u = Math.abs(signedSurprise);
  const r = s.surprises;
  const dropped = r.size === r.data.length ? readRing(r, r.data.length - 1) : 0;
  pushRing(r, u);
  s.surpriseSum += u - dropped;
  const average = Math.max(0, s.surpriseSum / r.size);

  const scoring = s.count >= p.warmupPoints;
  let log10 = 0;
  if (scoring) {
    log10 = Math.max(
      rateSigned(s.instantUp, s.instantDown, signedSurprise, p.rarityDecade),
      rateRarity(s.averageHist, average, PRIOR, p.rarityDecade),
      rateSigned(s.driftUp, s.driftDown, s.drift, p.rarityDecade),
    );
  }
  // The first samples, judged against typical errors not yet settled, are not history worth keeping.
  if (s.count >= p.warmupPoints / 3) {
    learnSigned(s.instantUp, s.instantDown, signedSurprise);
    addValue(s.averageHist, average);
    learnSigned(s.driftUp, s.driftDown, s.drift);
  }
  return scoring ? Math.min(1, Math.max(0, log10 / p.saturationLog10)) : 0;
}
