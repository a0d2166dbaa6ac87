/**
 * Reading one series out of the history store for a fit: the 1-minute tier
 * for windows up to 7 days, the 15-minute tier beyond (the store picks the
 * tier from the window's start), in buckets coarse enough that the fit sees
 * at most `maxPoints`. When the tiers hold too little (a store opened
 * minutes ago), the full-resolution window of the last minutes is used.
 */
import type { HistoryStore, QueryResult } from '../../monitoring/history/index.js';

export const MIN_SAMPLES = 8;
const MINUTE = 60_000;
/** A little inside the store's 15-minute default raw window. */
const RAW_LOOKBACK_MS = 14 * MINUTE;
const RAW_SHORTEST_MS = 5000;
const ONE_MINUTE_REACH_MS = 7 * 86_400_000;

export interface SeriesHistory {
  tier: QueryResult['tier'];
  stepMs: number;
  t: number[];
  v: number[];
}

export interface HistoryWindow {
  from: number;
  to: number;
  maxPoints?: number;
}

/**
 * Bucket step (ms) giving at most maxPoints over the window, in whole
 * minutes; within 7 days it stays under 15 minutes, which keeps the query on
 * the 1-minute tier (a 15-minute step would move it to the 15-minute tier).
 */
export function stepForWindow(spanMs: number, maxPoints: number): number {
  const step = Math.max(MINUTE, Math.ceil(spanMs / maxPoints / MINUTE) * MINUTE);
  return spanMs <= ONE_MINUTE_REACH_MS ? Math.min(step, 14 * MINUTE) : step;
}

export async function readHistory(store: HistoryStore, key: string, w: HistoryWindow): Promise<SeriesHistory> {
  const step = stepForWindow(w.to - w.from, w.maxPoints ?? 2000);
  const r = await store.query(key, w.from, w.to, step);
  if (r.t.length >= MIN_SAMPLES) return toHistory(r);
  // The store answers from its rings only for a start inside them (not before it opened):
  // shorten the look back until it does.
  for (let back = RAW_LOOKBACK_MS; back >= RAW_SHORTEST_MS; back *= 0.8) {
    const raw = await store.query(key, Math.max(w.from, w.to - back), w.to, 1000);
    if (raw.tier === 'raw') return toHistory(raw.t.length > r.t.length ? raw : r);
  }
  return toHistory(r);
}

function toHistory(r: QueryResult): SeriesHistory {
  return { tier: r.tier, stepMs: r.stepMs, t: r.t, v: r.avg };
}
