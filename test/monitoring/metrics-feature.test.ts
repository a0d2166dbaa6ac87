/**
 * The monitoring feature through the real backend against the lab: sweeps
 * arrive as events, the latest values and the history answer queries, the
 * history survives a backend restart, and settings persist and apply.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/types.js';
import { requireLab, waitFor } from '../helpers/lab.js';
import { makeTempDir, removeDir, startTestBackend, type TestBackend } from '../backend/helpers.js';

const L = requireLab();
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});

async function backendWithLab(dataDir: string): Promise<{ t: TestBackend; id: string }> {
  const t = await startTestBackend({ dataDir, autoConnect: true });
  let id = (await t.call('connections.list', {})).find((c) => c.uri === L.system)?.id;
  if (!id) {
    id = (await t.call('connections.add', { name: 'lab', uri: L.system, autoConnect: true })).id;
    await t.call('connections.connect', { id });
  }
  await t.events.waitFor<Connection>('connection.changed', (c) => c.id === id && c.state === 'connected');
  return { t, id };
}

type Sweep = {
  host: { connectionId: string; values: Record<string, number> };
  vms: { name: string; uuid: string; values: Record<string, number> }[];
};

describe('metrics feature (lab)', () => {
  it('sweeps the host, keeps the latest values and answers history queries; the history survives a restart', async () => {
    const dataDir = await makeTempDir('novacron-metrics-');
    dirs.push(dataDir);
    const { t, id } = await backendWithLab(dataDir);
    let uuid = '';
    const started = Date.now();
    try {
      // The running guest shows up with CPU and memory once two sweeps give a rate.
      const sweep = await t.events.waitFor<Sweep>(
        'metrics.sweep',
        (s) => s.host.connectionId === id && s.vms.some((v) => v.name === L.runningGuest && v.values.cpu_pct !== undefined),
        20_000,
      );
      expect(sweep.host.values.host_mem_used_kib).toBeGreaterThan(0);
      uuid = sweep.vms.find((v) => v.name === L.runningGuest)!.uuid;

      const now = await t.call('metrics.now', {});
      expect(now.hosts.map((h) => h.connectionId)).toContain(id);
      expect(now.vms.find((v) => v.uuid === uuid)?.values.cpu_pct).toBeGreaterThanOrEqual(0);

      expect(
        await waitFor(
          async () =>
            (
              await t.call('metrics.query', {
                connectionId: id,
                uuid,
                series: 'cpu_pct',
                from: started,
                to: Date.now() + 1000,
                maxPoints: 500,
              })
            ).t.length >= 3,
          20_000,
        ),
      ).toBe(true);
      const raw = await t.call('metrics.query', {
        connectionId: id,
        uuid,
        series: 'cpu_pct',
        from: started,
        to: Date.now() + 1000,
        maxPoints: 500,
      });
      expect(raw).toMatchObject({ series: 'cpu_pct', unit: '%', tier: 'raw' });
      for (const v of raw.avg) expect(v).toBeGreaterThanOrEqual(0);
      const host = await t.call('metrics.query', {
        connectionId: id,
        series: 'host_cpu_pct',
        from: started,
        to: Date.now() + 1000,
        maxPoints: 500,
      });
      expect(host.t.length).toBeGreaterThan(0);

      const heat = await t.call('metrics.heatmap', { from: started, to: Date.now() + 1000, buckets: 10, limit: 5 });
      expect(heat.rows.some((r) => r.uuid === uuid)).toBe(true);
      // Never finer than one sweep: a few seconds give a few buckets, each row one value (or null) per bucket.
      expect(heat.t.length).toBeGreaterThanOrEqual(2);
      expect(heat.t.length).toBeLessThanOrEqual(10);
      for (const r of heat.rows) expect(r.cpu).toHaveLength(heat.t.length);

      expect((await t.fail('metrics.query', { connectionId: id, series: 'cpu_pct', from: 2, to: 1 })).code).toBe('invalid-input');
      expect((await t.fail('metrics.query', { connectionId: id, uuid, series: 'host_cpu_pct', from: 1, to: 2 })).code).toBe(
        'invalid-input',
      );
    } finally {
      await t.close();
    }

    // Reopened on the same data dir: the minute written at close is there.
    const again = await startTestBackend({ dataDir, autoConnect: false });
    try {
      const q = await again.call('metrics.query', {
        connectionId: id,
        uuid,
        series: 'cpu_pct',
        from: started - 60_000,
        to: Date.now(),
        maxPoints: 10,
      });
      expect(q.tier).not.toBe('raw');
      expect(q.t.length).toBeGreaterThan(0);
      const usage = await again.call('metrics.usage', {});
      expect(usage.diskBytes).toBeGreaterThan(0);
      expect(usage.dir).toContain(dataDir);
    } finally {
      await again.close();
    }
  }, 90_000);

  it('keeps settings in the store, validates them and applies the interval', async () => {
    const dataDir = await makeTempDir('novacron-metrics-');
    dirs.push(dataDir);
    const t = await startTestBackend({ dataDir, autoConnect: false });
    try {
      expect(await t.call('metrics.settings', {})).toEqual({
        intervalMs: 2000,
        recentMinutes: 15,
        retention1mDays: 7,
        retention15mDays: 90,
      });
      expect((await t.fail('metrics.updateSettings', { intervalMs: 10 })).code).toBe('invalid-input');
      expect(await t.call('metrics.updateSettings', { intervalMs: 5000, retention1mDays: 3 })).toMatchObject({
        intervalMs: 5000,
        retention1mDays: 3,
      });
    } finally {
      await t.close();
    }
    const again = await startTestBackend({ dataDir, autoConnect: false });
    try {
      expect(await again.call('metrics.settings', {})).toMatchObject({ intervalMs: 5000, retention1mDays: 3, retention15mDays: 90 });
    } finally {
      await again.close();
    }
  });
});
