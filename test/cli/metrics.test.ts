/**
 * `novacron metrics query` reads the history a backend wrote to the same data
 * dir, read-only, while that backend may still be running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../shared/types.js';
import { startTestBackend, type TestBackend } from '../backend/helpers.js';
import { requireLab } from '../helpers/lab.js';
import { buildCli, cliDataDir, cliJson, removeDataDir, runCli } from './helpers.js';

const L = requireLab();
let t: TestBackend;
let started = 0;
let uuid = '';

beforeAll(async () => {
  buildCli();
  t = await startTestBackend({ dataDir: cliDataDir, autoConnect: false });
  const c = await t.call('connections.add', { name: 'lab', uri: L.system });
  started = Date.now();
  await t.call('connections.connect', { id: c.id });
  await t.events.waitFor<Connection>('connection.changed', (x) => x.id === c.id && x.state === 'connected');
  const sweep = await t.events.waitFor<{ vms: { name: string; uuid: string; values: Record<string, number> }[] }>(
    'metrics.sweep',
    (s) => s.vms.some((v) => v.name === L.runningGuest && v.values.cpu_pct !== undefined),
    20_000,
  );
  uuid = sweep.vms.find((v) => v.name === L.runningGuest)!.uuid;
  await t.close(); // writes the open minute
}, 60_000);

afterAll(() => removeDataDir());

describe('novacron metrics query', () => {
  it('gives the history of a machine by name, as JSON', async () => {
    const from = new Date(started - 60_000).toISOString();
    const j = await cliJson<{ uuid: string; series: string; unit: string; tier: string; points: { t: string; avg: number }[] }>([
      '--connect',
      L.system,
      'metrics',
      'query',
      L.runningGuest,
      'cpu_pct',
      '--from',
      from,
      '--step',
      '60',
      '--json',
    ]);
    expect(j).toMatchObject({ uuid, series: 'cpu_pct', unit: '%', tier: '1m' });
    expect(j.points.length).toBeGreaterThan(0);
    for (const p of j.points) {
      expect(Date.parse(p.t)).toBeGreaterThanOrEqual(started - 120_000);
      expect(p.avg).toBeGreaterThanOrEqual(0);
      expect(p.avg).toBeLessThanOrEqual(100);
    }
  });

  it('takes a UUID without asking the hypervisor, and refuses bad input with a usage error', async () => {
    const from = new Date(started - 60_000).toISOString();
    const byUuid = await cliJson<{ points: unknown[] }>([
      '--connect',
      L.system,
      'metrics',
      'query',
      uuid,
      'cpu_pct',
      '--from',
      from,
      '--json',
    ]);
    expect(byUuid.points.length).toBeGreaterThan(0);

    const bad = await runCli(['--connect', L.system, 'metrics', 'query', uuid, 'cpu_pct', '--from', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from "yesterday" is not an ISO 8601 time/);
    const series = await runCli(['--connect', L.system, 'metrics', 'query', uuid, 'cpu_temperature', '--from', from]);
    expect(series.code).toBe(2);
    expect(series.stderr).toMatch(/unknown series "cpu_temperature"/);
    const unknownHost = await runCli(['--connect', L.testHost, 'metrics', 'query', uuid, 'cpu_pct', '--from', from]);
    expect(unknownHost.code).toBe(2);
    expect(unknownHost.stderr).toMatch(/NovaCron has no connection for/);
    expect(unknownHost.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
