/**
 * The anomaly feed in memory: the newest N flagged points (default 5,000),
 * oldest first, mirrored to the file of feed-file.ts. Queries filter by
 * time range and subject and answer newest first.
 */
import type { AnomaliesQuery, AnomalyRecord } from '../../../../shared/contract/analytics.js';
import type { Logger } from '../../log.js';
import { AnomalyFile } from './feed-file.js';

export const DEFAULT_FEED_LIMIT = 5000;

export interface AnomalyFeed {
  add(records: readonly AnomalyRecord[]): void;
  query(q: AnomaliesQuery): AnomalyRecord[];
  readonly size: number;
  /** Waits for the file writes so far. */
  flush(): Promise<void>;
}

/** The records matching q, newest first, at most q.limit. */
export function filterAnomalies(records: readonly AnomalyRecord[], q: AnomaliesQuery): AnomalyRecord[] {
  const limit = q.limit ?? 1000;
  const uuid = q.uuid?.toLowerCase();
  const out: AnomalyRecord[] = [];
  for (let i = records.length - 1; i >= 0 && out.length < limit; i--) {
    const r = records[i]!;
    if (q.since !== undefined && r.t < q.since) continue;
    if (q.until !== undefined && r.t >= q.until) continue;
    if (q.connectionId !== undefined && r.connectionId !== q.connectionId) continue;
    if (uuid !== undefined && r.uuid?.toLowerCase() !== uuid) continue;
    if (q.series !== undefined && r.series !== q.series) continue;
    out.push(r);
  }
  return out;
}

export async function openAnomalyFeed(path: string, log: Logger, limit = DEFAULT_FEED_LIMIT): Promise<AnomalyFeed> {
  const file = new AnomalyFile(path, limit);
  let records: AnomalyRecord[] = [];
  try {
    records = await file.load();
  } catch (e) {
    log.warn(`the anomaly feed in ${path} could not be read; starting empty`, e);
  }
  return {
    add(added) {
      if (added.length === 0) return;
      records.push(...added);
      if (records.length > limit) records = records.slice(-limit);
      file.append(added, () => records).catch((e: unknown) => log.warn('writing the anomaly feed failed', e));
    },
    query: (q) => filterAnomalies(records, q),
    get size() {
      return records.length;
    },
    flush: () => file.flushed().catch(() => undefined),
  };
}
