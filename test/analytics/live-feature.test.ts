/**
 * The analytics feature in a whole backend (from sources, so the detector
 * runs in-process: no bundled worker script next to the sources): its
 * methods answer within the contract, and an `anomalous` alert rule can be
 * created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestBackend, type TestBackend } from '../backend/helpers.js';

let t: TestBackend;
beforeAll(async () => {
  t = await startTestBackend({ autoConnect: false });
});
afterAll(async () => {
  await t?.close();
  if (t) await removeDir(t.dataDir);
});

describe('analytics feature', () => {
  it('answers status, anomalies, capacity and right-sizing with no hosts', async () => {
    expect(await t.call('analytics.status', {})).toMatchObject({ mode: 'in-process', series: 0, droppedBatches: 0, stepMs: 60_000 });
    expect(await t.call('analytics.anomalies', { since: 0 })).toEqual([]);
    expect((await t.call('analytics.capacity', {})).items).toEqual([]);
    const r = await t.call('analytics.rightsize', {});
    expect(r).toMatchObject({ machines: [], consolidation: [], windowMs: 7 * 86_400_000 });
    expect(r.rules.join(' ')).toMatch(/p95 CPU < 20%/);
    const e = await t.fail('analytics.forecast', { connectionId: 'nope', series: 'host_cpu_pct', horizonMs: 3_600_000 });
    expect(e.code).toBe('not-found');
  });

  it('accepts an anomalous alert rule on a metric', async () => {
    const rule = await t.call('alerts.createRule', { name: 'CPU anomalous for 5 min', kind: 'anomalous', metric: 'cpu_pct', forSec: 300 });
    expect(rule).toMatchObject({ kind: 'anomalous', metric: 'cpu_pct', forSec: 300 });
  });
});
