/**
 * The live pipeline's plumbing, in-process: 1-minute means reach the scorer
 * once their minute closes, flagged points land in the feed (persisted as
 * the last N, read back after a restart) and on the scores channel, a
 * stalled scorer never holds up a sweep (bounded queue, drops counted), and
 * series that stop are forgotten.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnomalyRecord } from '../../shared/contract/analytics.js';
import { openAnomalyFeed } from '../../electron/backend/analytics/live/anomaly-feed.js';
import { anomalyFile } from '../../electron/backend/analytics/live/feed-file.js';
import { createLiveAnomalies } from '../../electron/backend/analytics/live/pipeline.js';
import { startInProcessScorer, type Scorer } from '../../electron/backend/analytics/live/scorer.js';
import { createMemoryLogger } from '../../electron/backend/log.js';
import { createMetricsFeed, type HostSweep, type ScoredSeries } from '../../electron/backend/monitoring/feed.js';
import { makeNormal } from './synthetic.js';

const dir = mkdtempSync(join(tmpdir(), 'novacron-live-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const UUID = '11111111-2222-4333-8444-555555555555';

function sweep(t: number, cpu: number): HostSweep {
  return {
    connectionId: 'c1',
    t,
    ms: 5,
    host: { host_cpu_pct: 10 },
    vms: [{ uuid: UUID, name: 'web', state: 1, values: { cpu_pct: cpu } }],
  };
}

describe('live anomaly pipeline', () => {
  it('scores minute means, flags a jump, and keeps the feed across a restart', async () => {
    const metrics = createMetricsFeed(() => undefined);
    const scored: ScoredSeries[] = [];
    metrics.onScores((b) => scored.push(...b));
    const detected: AnomalyRecord[] = [];
    const path = anomalyFile(dir);
    const feed = await openAnomalyFeed(path, createMemoryLogger(), 50);
    // Eight hours replayed at once: a queue long enough for all of it (live, one batch comes per minute).
    const live = createLiveAnomalies({
      metrics,
      scorer: startInProcessScorer(),
      feed,
      hostName: () => 'lab',
      detected: (r) => detected.push(r),
      maxQueued: 10_000,
    });
    const noise = makeNormal(3);
    const t0 = Date.UTC(2026, 0, 1);
    // 8 hours of 2 s sweeps around 5%, then ten minutes at 95%.
    for (let i = 0; i < (8 * 3600) / 2; i++) metrics.publish(sweep(t0 + i * 2000, 5 + noise()));
    const loadStart = t0 + 8 * 3600_000;
    for (let i = 0; i <= 300; i++) metrics.publish(sweep(loadStart + i * 2000, 95 + noise()));
    await live.idle();
    const cpu = scored.filter((s) => s.series === 'cpu_pct');
    expect(cpu.length).toBe(8 * 60 + 10); // one point per closed minute
    expect(cpu[1]!.t - cpu[0]!.t).toBe(60_000);
    expect(cpu.filter((s) => s.t < loadStart && s.anomalous)).toEqual([]);
    const flag = detected.find((r) => r.series === 'cpu_pct' && r.t >= loadStart);
    expect(flag).toMatchObject({ connectionId: 'c1', uuid: UUID, name: 'web', stepMs: 60_000, threshold: 0.6 });
    expect(flag!.t).toBe(loadStart); // the load's first minute
    expect(flag!.value).toBeGreaterThan(90);
    expect(live.status()).toMatchObject({ mode: 'in-process', series: 2, droppedBatches: 0 });
    await live.close();
    await feed.flush();

    const again = await openAnomalyFeed(path, createMemoryLogger(), 50);
    const brief = (r: AnomalyRecord) => [r.t, r.connectionId, r.uuid, r.name, r.series, r.score.toFixed(2), r.value.toFixed(2)];
    // Scores and values are kept to 3 decimals on disk.
    expect(again.query({ uuid: UUID, since: loadStart }).map(brief)).toEqual(feed.query({ uuid: UUID, since: loadStart }).map(brief));
    expect(again.size).toBeGreaterThan(0);
    expect(again.query({ connectionId: 'other' })).toEqual([]);
    expect(readFileSync(path, 'utf8').split('\n')[0]).toMatch(/^\[\d+,"c1",/); // compact rows, not objects
  });

  it('keeps the last N anomalies only, on disk too', async () => {
    const path = join(dir, 'bounded', 'anomalies.jsonl');
    const feed = await openAnomalyFeed(path, createMemoryLogger(), 10);
    const rec = (i: number): AnomalyRecord => ({
      t: i,
      connectionId: 'c',
      name: 'n',
      series: 'cpu_pct',
      score: 0.9,
      threshold: 0.6,
      value: i,
      stepMs: 60_000,
    });
    for (let i = 0; i < 35; i++) feed.add([rec(i)]);
    await feed.flush();
    expect(feed.size).toBe(10);
    expect(feed.query({}).map((r) => r.t)).toEqual([34, 33, 32, 31, 30, 29, 28, 27, 26, 25]);
    expect(readFileSync(path, 'utf8').trim().split('\n').length).toBeLessThan(20);
    const reopened = await openAnomalyFeed(path, createMemoryLogger(), 10);
    expect(reopened.query({ limit: 3 }).map((r) => r.t)).toEqual([34, 33, 32]);
  });

  it('never waits for a stalled scorer: batches queue up to the bound, then are dropped and counted', async () => {
    const metrics = createMetricsFeed(() => undefined);
    const calls: number[] = [];
    const stalled: Scorer = {
      mode: 'worker',
      score: (points) => (calls.push(points.length), new Promise(() => undefined)),
      forget: () => undefined,
      close: async () => undefined,
    };
    const feed = await openAnomalyFeed(join(dir, 'stalled.jsonl'), createMemoryLogger());
    const live = createLiveAnomalies({ metrics, scorer: stalled, feed, hostName: () => 'lab', detected: () => undefined, maxQueued: 2 });
    const t0 = Date.UTC(2026, 0, 1);
    const started = performance.now();
    for (let m = 0; m <= 6; m++) metrics.publish(sweep(t0 + m * 60_000, 5));
    expect(performance.now() - started).toBeLessThan(50);
    expect(calls).toEqual([2]); // one batch in flight
    expect(live.status()).toMatchObject({ queuedBatches: 2, droppedBatches: 3, droppedPoints: 6 });
    await live.close();
  });

  it('forgets series that stop being measured', async () => {
    const metrics = createMetricsFeed(() => undefined);
    const forgotten: string[] = [];
    const base = startInProcessScorer();
    const scorer: Scorer = { ...base, forget: (ids) => forgotten.push(...ids) };
    const feed = await openAnomalyFeed(join(dir, 'forget.jsonl'), createMemoryLogger());
    const live = createLiveAnomalies({
      metrics,
      scorer,
      feed,
      hostName: () => 'lab',
      detected: () => undefined,
      forgetAfterMs: 10 * 60_000,
    });
    const t0 = Date.UTC(2026, 0, 1);
    metrics.publish(sweep(t0, 5));
    // The machine is gone: only the host's series goes on.
    for (let m = 1; m <= 12; m++) metrics.publish({ ...sweep(t0 + m * 60_000, 5), vms: [] });
    await live.idle();
    expect(forgotten).toEqual([`c1/vm/${UUID}/cpu_pct`]);
    expect(live.status().series).toBe(1);
    await live.close();
  });
});
