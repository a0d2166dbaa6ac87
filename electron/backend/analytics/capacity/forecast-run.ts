/**
 * A forecast that does not hold the event loop: the same model choice as
 * forecastSeries (forecast/forecast.ts), one candidate model per macrotask.
 * Each candidate is run through forecastGrid alone (its rolling-origin
 * check, fit and interval); the one with the smallest check error wins, as
 * in forecastGrid's own choice. A whole fit takes ~300 ms on one thread;
 * this way the longest block is one candidate's share, and sweeps, calls and
 * events go on in between. (The detector's worker only scores, so fits stay
 * on the main thread, chunked.) It costs about one extra fit and interval
 * per candidate compared with one forecastSeries call.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { forecastGrid, listCandidates, type Forecast, type TrendKind } from '../forecast/index.js';
import { resampleToGrid } from '../forecast/grid.js';
import { detectPeriods } from '../forecast/season.js';

export interface ChunkedOptions {
  stepMs?: number;
  level?: number;
  trends?: TrendKind[];
}

export async function forecastInChunks(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  horizon: number,
  options: ChunkedOptions = {},
): Promise<Forecast> {
  const grid = resampleToGrid(times, values, options.stepMs);
  const y = grid.values;
  const level = options.level ?? 0.8;
  const aim = Math.min(horizon, Math.floor(y.length / 4));
  await nextTurn();
  const candidates = listCandidates(detectPeriods(y, grid.stepMs), options.trends, aim);
  let best: Forecast | undefined;
  for (const spec of candidates) {
    await nextTurn();
    const f = forecastGrid(y, grid.stepMs, horizon, { level, candidates: [spec] });
    // A candidate the check could not judge (too little data for its season) falls back inside forecastGrid: skip it.
    if (!Number.isFinite(f.model.checkMae)) continue;
    if (!best || f.model.checkMae < best.model.checkMae) best = f;
  }
  await nextTurn();
  const chosen = best ?? forecastGrid(y, grid.stepMs, horizon, { level, candidates: [] });
  const last = grid.startMs + (y.length - 1) * grid.stepMs;
  return { ...chosen, times: Float64Array.from({ length: horizon }, (_, i) => last + (i + 1) * grid.stepMs) };
}
