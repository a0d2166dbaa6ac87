/**
 * Live anomaly detection: every sweep on the metrics feed, each machine and
 * host series, through the streaming detector on its worker thread.
 *
 * What the detector is fed: 1-minute means, not the raw 2 s samples. Its
 * spans count samples and were set on NAB (mostly 5-minute series). At 2 s
 * its rarity histograms would remember ~67 minutes and its repeat
 * suppression ~13, so "unusual" would mean "new this hour" and every daily
 * job would be flagged anew, across thousands of series; at 1 minute the
 * histograms cover ~33 hours (a day's routine has been seen before), the
 * warm-up is 2.5 hours, and the daily profile gets one point per bucket per
 * visit. 2 s CPU values are mostly scheduler jitter that the minute mean
 * smooths; the history's 1-minute tier (the charts beyond the live window)
 * holds the same means, so the marks sit on the lines drawn. And it is 30
 * times cheaper: 2,000 machines x 13 series is ~430 points/s, not 13,000.
 * The price is latency: a change is flagged when its minute closes, up to a
 * minute (plus one sweep) after it started.
 *
 * The collector never waits: a sweep only adds to the open buckets; closed
 * buckets go to the worker as one batch, one batch in flight at a time, at
 * most `maxQueued` waiting, and a batch that finds the queue full is dropped
 * and counted (its series get a gap, which the detector takes in its stride).
 * Memory is bounded: one detector per series, at most `maxSeries`, and the
 * series not seen for `forgetAfterMs` (a deleted or stopped machine) are
 * forgotten in the worker too.
 */
import type { AnalyticsStatus, AnomalyRecord } from '../../../../shared/contract/analytics.js';
import type { HostSweep, MetricsFeed, ScoredSeries } from '../../monitoring/feed.js';
import { DEFAULT_THRESHOLD, type ScoredPoint, type SeriesPoint } from '../anomaly/index.js';
import type { AnomalyFeed } from './anomaly-feed.js';
import { BucketAggregator } from './minute.js';
import type { Scorer } from './scorer.js';
import { listSweepValues, type SeriesOwner } from './subjects.js';

export interface LiveAnomaliesOptions {
  metrics: MetricsFeed;
  scorer: Scorer;
  feed: AnomalyFeed;
  hostName(connectionId: string): string;
  /** Each anomaly as it is found (the `anomaly.detected` event). */
  detected(record: AnomalyRecord): void;
  /** Bucket fed to the detector (default 60 s). */
  stepMs?: number;
  forgetAfterMs?: number;
  maxQueued?: number;
  maxSeries?: number;
  now?: () => number;
}

export interface LiveAnomalies {
  /** Feeds one sweep (what the metrics feed subscription does); for warm-ups and tests. */
  take(sweep: HostSweep): void;
  status(): AnalyticsStatus;
  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface Batch {
  points: SeriesPoint[];
  owners: SeriesOwner[];
}

export function createLiveAnomalies(o: LiveAnomaliesOptions): LiveAnomalies {
  const stepMs = o.stepMs ?? 60_000;
  const forgetAfterMs = o.forgetAfterMs ?? 30 * 60_000;
  const maxQueued = o.maxQueued ?? 4;
  const maxSeries = o.maxSeries ?? 50_000;
  const now = o.now ?? Date.now;
  const agg = new BucketAggregator(stepMs);
  const queue: Batch[] = [];
  let inFlight = false;
  let closed = false;
  let lastForget = -Infinity;
  const counts = { scoredPoints: 0, droppedBatches: 0, droppedPoints: 0 };
  let lastBatchMs: number | undefined;
  let lastError: string | undefined;
  let waiters: (() => void)[] = [];

  function take(sweep: HostSweep): void {
    if (closed) return;
    const batch: Batch = { points: [], owners: [] };
    for (const { key, value, owner } of listSweepValues(sweep, o.hostName(sweep.connectionId))) {
      if (!agg.has(key) && agg.size >= maxSeries) continue;
      const done = agg.add(key, sweep.t, value);
      if (!done) continue;
      batch.points.push({ seriesId: key, t: done.t, value: done.mean });
      batch.owners.push(owner);
    }
    if (batch.points.length > 0) enqueue(batch);
    forgetStale(sweep.t);
  }

  function enqueue(batch: Batch): void {
    if (queue.length >= maxQueued) {
      counts.droppedBatches++;
      counts.droppedPoints += batch.points.length;
      return;
    }
    queue.push(batch);
    pump();
  }

  function pump(): void {
    if (inFlight) return;
    const batch = queue.shift();
    if (!batch) {
      for (const w of waiters) w();
      waiters = [];
      return;
    }
    inFlight = true;
    const started = now();
    o.scorer
      .score(batch.points)
      .then((results) => {
        lastBatchMs = now() - started;
        report(batch, results);
      })
      .catch((e: unknown) => {
        lastError = e instanceof Error ? e.message : String(e);
      })
      .finally(() => {
        inFlight = false;
        pump();
      });
  }

  function report(batch: Batch, results: readonly ScoredPoint[]): void {
    counts.scoredPoints += results.length;
    const scored: ScoredSeries[] = [];
    const flagged: AnomalyRecord[] = [];
    results.forEach((r, i) => {
      const owner = batch.owners[i]!;
      scored.push({ ...owner, t: r.t, score: r.score, threshold: DEFAULT_THRESHOLD, anomalous: r.anomalous });
      if (!r.anomalous) return;
      flagged.push({ ...owner, t: r.t, score: r.score, threshold: DEFAULT_THRESHOLD, value: batch.points[i]!.value, stepMs });
    });
    o.metrics.publishScores(scored);
    o.feed.add(flagged);
    for (const r of flagged) o.detected(r);
  }

  /** Sweep times are the clock here, so a replayed (backdated) warm-up ages series the same way. */
  function forgetStale(t: number): void {
    if (t - lastForget < stepMs) return;
    lastForget = t;
    const gone = agg.dropUnseen(t - forgetAfterMs);
    if (gone.length > 0) o.scorer.forget(gone);
  }

  const off = o.metrics.onSweep(take);
  return {
    take,
    status: () => ({
      mode: o.scorer.mode,
      series: agg.size,
      ...counts,
      queuedBatches: queue.length,
      anomalies: o.feed.size,
      stepMs,
      ...(lastBatchMs !== undefined ? { lastBatchMs } : {}),
      ...(lastError !== undefined ? { lastError } : {}),
    }),
    idle: () => (!inFlight && queue.length === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
    async close() {
      closed = true;
      off();
      await o.scorer.close();
    },
  };
}
