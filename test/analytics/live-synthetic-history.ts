/**
 * SYNTHETIC history for the right-sizing and CLI tests: 1-minute samples
 * written through the real history store's own append (and flushed to its
 * files), for machines with a described use. Nothing here was measured.
 */
import { vmSeriesKey, type VmSeries } from '../../shared/contract/metrics-series.js';
import type { HistoryStore, Sample } from '../../electron/backend/monitoring/history/index.js';
import { makeRandom } from './synthetic.js';

export interface SyntheticUse {
  connectionId: string;
  uuid: string;
  /** Value of each series at a uniform random draw u in [0, 1). */
  series: Partial<Record<VmSeries, (u: number) => number>>;
}

const MINUTE = 60_000;

/** `days` of 1-minute samples ending at `end`, flushed every simulated 6 hours. */
export async function writeSyntheticWeek(
  store: HistoryStore,
  uses: readonly SyntheticUse[],
  end: number,
  days = 7,
  seed = 5,
): Promise<void> {
  const rand = makeRandom(seed);
  const start = Math.floor((end - days * 86_400_000) / MINUTE) * MINUTE;
  let batch: Sample[] = [];
  for (let t = start; t < end; t += MINUTE) {
    for (const u of uses)
      for (const [series, f] of Object.entries(u.series))
        batch.push({ key: vmSeriesKey(u.connectionId, u.uuid, series as VmSeries), t, v: f(rand()) });
    if ((t - start) % (6 * 3_600_000) === 0) {
      store.append(batch);
      batch = [];
      await store.flush();
    }
  }
  store.append(batch);
  await store.flush();
}
