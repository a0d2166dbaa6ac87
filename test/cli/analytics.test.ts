/**
 * `novacron analytics ...` reads what the app wrote to the same data dir,
 * read-only: the anomaly feed file (written by the feed's own writer), and a
 * history store holding SYNTHETIC series written through the store's own
 * append (a host whose memory climbs, a lab guest idle for a week).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnomalyRecord, CapacityReport, ForecastResult, RightsizeReport } from '../../shared/contract/analytics.js';
import { hostSeriesKey } from '../../shared/contract/metrics-series.js';
import { openAnomalyFeed } from '../../electron/backend/analytics/live/anomaly-feed.js';
import { anomalyFile } from '../../electron/backend/analytics/live/feed-file.js';
import { createMemoryLogger } from '../../electron/backend/log.js';
import { openHistoryStore } from '../../electron/backend/monitoring/history/index.js';
import { metricsDir } from '../../electron/backend/monitoring/paths.js';
import { api, LibvirtConnection, uuidToString } from '../../electron/libvirt/index.js';
import { writeSyntheticWeek } from '../analytics/live-synthetic-history.js';
import { startTestBackend } from '../backend/helpers.js';
import { requireLab } from '../helpers/lab.js';
import { buildCli, cliDataDir, cliJson, removeDataDir } from './helpers.js';

const L = requireLab();
const now = Date.now();
let recordId = '';
let guestUuid = '';

const record = (t: number, score: number): AnomalyRecord => ({
  t,
  connectionId: 'x',
  uuid: '11111111-2222-4333-8444-555555555555',
  name: 'web',
  series: 'cpu_pct',
  score,
  threshold: 0.6,
  value: 97,
  stepMs: 60_000,
});

beforeAll(async () => {
  buildCli();
  const t = await startTestBackend({ dataDir: cliDataDir, autoConnect: false });
  recordId = (await t.call('connections.add', { name: 'lab', uri: L.system })).id;
  await t.close();
  const conn = await LibvirtConnection.open(L.system);
  guestUuid = uuidToString((await api.lookupDomainByName(conn, L.runningGuest)).uuid);
  await conn.close();

  const feed = await openAnomalyFeed(anomalyFile(cliDataDir), createMemoryLogger());
  feed.add([record(now - 3 * 3_600_000, 0.7), record(now - 600_000, 0.9)]);
  await feed.flush();

  const store = await openHistoryStore({ dir: metricsDir(cliDataDir), fsync: false });
  // SYNTHETIC: the guest idles for a week (CPU under 1%, no network).
  await writeSyntheticWeek(store, [{ connectionId: recordId, uuid: guestUuid, series: { cpu_pct: (u) => 0.3 + 0.4 * u } }], now);
  // SYNTHETIC: the host's memory climbs from 40% by 5 points a day, with a little noise.
  const start = now - 7 * 86_400_000;
  const host = [];
  for (let t = start; t < now; t += 60_000) {
    const days = (t - start) / 86_400_000;
    host.push({ key: hostSeriesKey(recordId, 'host_mem_used_pct'), t, v: 40 + 5 * days + Math.sin(t / 7e5) * 0.3 });
    host.push({ key: hostSeriesKey(recordId, 'host_cpu_pct'), t, v: 20 + Math.sin(t / 9e5) * 2 });
  }
  store.append(host);
  await store.close();
}, 180_000);

afterAll(() => removeDataDir());

describe('novacron analytics', () => {
  it('lists the persisted anomaly feed, --since filtering', async () => {
    const all = await cliJson<AnomalyRecord[]>(['analytics', 'anomalies', '--json']);
    expect(all.map((r) => r.score)).toEqual([0.9, 0.7]); // newest first
    const recent = await cliJson<AnomalyRecord[]>(['analytics', 'anomalies', '--since', new Date(now - 3_600_000).toISOString(), '--json']);
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({ name: 'web', series: 'cpu_pct', score: 0.9 });
  });

  it('forecasts a machine series from the history', async () => {
    const f = await cliJson<ForecastResult & { uuid: string }>([
      '--connect',
      L.system,
      'analytics',
      'forecast',
      L.runningGuest,
      'cpu_pct',
      '--horizon',
      '1d',
      '--json',
    ]);
    expect(f.uuid).toBe(guestUuid);
    expect(f.basis.tier).toBe('1m');
    expect(f.basis.samples).toBeGreaterThan(100);
    expect(f.t.length).toBe(f.mean.length);
    expect(f.t[f.t.length - 1]! - f.t[0]!).toBeGreaterThan(20 * 3_600_000);
    for (let i = 0; i < f.mean.length; i += 50) {
      expect(f.low[i]!).toBeLessThanOrEqual(f.mean[i]! + 1e-9);
      expect(f.mean[i]!).toBeLessThan(5);
    }
  }, 60_000);

  it('ranks capacity: the climbing host memory has a finite date', async () => {
    const r = await cliJson<CapacityReport>(['--connect', L.system, 'analytics', 'capacity', '--json']);
    const mem = r.items.find((i) => i.kind === 'host-memory')!;
    expect(r.items[0]).toMatchObject({ kind: 'host-memory', connectionId: recordId });
    // 75% now, +5 points a day: about 5 days to 100%.
    expect(mem.days).toBeGreaterThan(3);
    expect(mem.days).toBeLessThan(8);
    expect(r.items.some((i) => i.kind === 'pool' && i.pool === L.pool)).toBe(true);
  }, 120_000);

  it('suggests shutting down the idle guest, through vms.act', async () => {
    const r = await cliJson<RightsizeReport>(['--connect', L.system, 'analytics', 'rightsize', '--json']);
    const idle = r.machines.find((s) => s.uuid === guestUuid && s.kind === 'idle');
    expect(idle, JSON.stringify(r.machines)).toBeDefined();
    expect(idle!.action).toEqual({ method: 'vms.act', input: { connectionId: recordId, uuid: guestUuid, action: 'shutdown' } });
    expect(idle!.basis.samples).toBeGreaterThan(3 * 1440 - 5);
  }, 60_000);
});
