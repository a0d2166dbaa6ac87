/**
 * Which tier answers a query: the coarsest one whose step still fits the requested step,
 * among those that reach back to `from` (the ring only covers its window, the 1-minute
 * files only their retention).
 */
import { TIERS } from './tiers.js';
import type { QueryTier, Retention } from './types.js';

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

/** Files expire whole, so the 1-minute tier reaches back to the start of its oldest day. */
function oneMinuteReach(now: number, retention: Retention): number {
  return TIERS[0]!.periodOf(now - retention.oneMinuteMs).start;
}

/** `rawSince`: when the rings began filling (the store's opening): before that they hold nothing. */
export function chooseTier(from: number, stepMs: number, now: number, retention: Retention, rawSince = -Infinity): QueryTier {
  if (stepMs < MINUTE && from >= now - retention.rawWindowMs && from >= rawSince) return 'raw';
  if (stepMs < QUARTER && from >= oneMinuteReach(now, retention)) return '1m';
  return '15m';
}
