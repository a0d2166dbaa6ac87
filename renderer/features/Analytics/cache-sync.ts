/**
 * anomaly.detected into every cached anomaly list it belongs to (the feed,
 * the charts' marks), newest first, without duplicates and within the
 * list's limit; the status counts are refetched.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { AnomalyRecord } from '../../../shared/contract/analytics';
import { defineCacheSync } from '../../api/cache-sync';
import { analyticsKeys, matchesFilter, type AnomalyFilter } from './queries';

const recordKey = (r: AnomalyRecord) => `${r.connectionId}/${r.uuid ?? 'host'}/${r.series}/${r.t}`;

/** A list with the new records sorted in (newest first), duplicates dropped, at most `limit` long. */
export function mergeAnomalies(list: readonly AnomalyRecord[], fresh: readonly AnomalyRecord[], limit: number): AnomalyRecord[] {
  const seen = new Set(list.map(recordKey));
  const add = fresh.filter((r) => {
    const k = recordKey(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (add.length === 0) return list as AnomalyRecord[];
  return [...add, ...list].sort((a, b) => b.t - a.t).slice(0, limit);
}

function flush(client: QueryClient, batch: AnomalyRecord[]): void {
  for (const q of client.getQueryCache().findAll({ queryKey: analyticsKeys.anomaliesAll })) {
    const filter = (q.queryKey[2] ?? {}) as AnomalyFilter;
    const mine = batch.filter((r) => matchesFilter(r, filter));
    const list = q.state.data as AnomalyRecord[] | undefined;
    if (mine.length === 0 || !list) continue;
    const next = mergeAnomalies(list, mine, filter.limit ?? 500);
    if (next !== list) client.setQueryData(q.queryKey, next);
  }
  void client.invalidateQueries({ queryKey: analyticsKeys.status });
}

export const analyticsCacheSync = defineCacheSync<AnomalyRecord[]>({
  batch: () => [],
  on: {
    'anomaly.detected': (b, r) => {
      b.push(r);
    },
  },
  flush,
});
