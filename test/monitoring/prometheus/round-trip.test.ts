/**
 * The Prometheus round trip against the lab and a real Prometheus (Debian's
 * package) that this test starts on loopback: NovaCron remote-writes real
 * sweeps of qemu:///system, and the very values come back from Prometheus's
 * query API with their labels; Prometheus is killed by PID mid-way and
 * restarted on the same storage, and the samples taken while it was down
 * arrive once it is back; it also scrapes NovaCron's /metrics with the bearer
 * token, which refuses a missing or wrong one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noSecretStore } from '../../../electron/backend/credentials/secret-store.js';
import { createHostRegistry } from '../../../electron/backend/hosts/registry.js';
import { createMemoryLogger } from '../../../electron/backend/log.js';
import { createCollector, type Collector, type HostSweep } from '../../../electron/backend/monitoring/collector/collector.js';
import { createMetricsFeed } from '../../../electron/backend/monitoring/feed.js';
import { createPrometheusFeature } from '../../../electron/backend/monitoring/prometheus/feature.js';
import { openStore } from '../../../electron/backend/store/store.js';
import { api, LibvirtConnection } from '../../../electron/libvirt/index.js';
import { PrometheusSettingsUpdate, PrometheusSettingsView, PrometheusStatus } from '../../../shared/contract/prometheus.js';
import { requireLab, waitFor } from '../../helpers/lab.js';
import { freePort, PrometheusProcess, writeConfig } from './prometheus-process.js';

const L = requireLab();
const log = createMemoryLogger();
let dir = '';
let conn: LibvirtConnection;
let collector: Collector | undefined;
let feature: ReturnType<typeof createPrometheusFeature> | undefined;
let prom: PrometheusProcess | undefined;
let hostname = '';
let guestUuid = '';
const sweeps: HostSweep[] = [];
const registry = createHostRegistry(() => 'lab', createMemoryLogger());

/** The series checked, and how each comes from a sweep, written out here rather than taken from the code under test. */
const HOST_CHECKS = {
  novacron_host_cpu_percent: (s: HostSweep) => s.host.host_cpu_pct,
  novacron_host_memory_used_bytes: (s: HostSweep) => (s.host.host_mem_used_kib === undefined ? undefined : s.host.host_mem_used_kib * 1024),
};
const guestOf = (s: HostSweep) => s.vms.find((v) => v.name === L.runningGuest);
const VM_CHECKS = {
  novacron_vm_cpu_percent: (s: HostSweep) => guestOf(s)?.values.cpu_pct,
  novacron_vm_host_cpu_percent: (s: HostSweep) => guestOf(s)?.values.cpu_host_pct,
  novacron_vm_memory_available_bytes: (s: HostSweep) => {
    const v = guestOf(s)?.values.mem_available_kib;
    return v === undefined ? undefined : v * 1024;
  },
  novacron_vm_network_receive_bytes_per_second: (s: HostSweep) => guestOf(s)?.values.net_rx_bps,
  novacron_vm_state: (s: HostSweep) => guestOf(s)?.state,
};

const call = {
  // Outputs go through the contract's schemas, as the backend's validation would.
  update: async (input: unknown) =>
    PrometheusSettingsView.parse(await feature!.handlers['prometheus.updateSettings'](PrometheusSettingsUpdate.parse(input))),
  status: async () => PrometheusStatus.parse(await feature!.handlers['prometheus.status']({})),
};

/** What the sweeps [from, to) should have given for one series: [ms, value] pairs. */
function expected(pick: (s: HostSweep) => number | undefined, from: number, to: number): [number, number][] {
  return sweeps
    .slice(from, to)
    .map((s) => [s.t, pick(s)] as [number, number | undefined])
    .filter((p): p is [number, number] => p[1] !== undefined);
}

async function written(metric: string, labels: string): Promise<{ metric: Record<string, string>; samples: [number, number][] }[]> {
  // job="" keeps to the remote-written series (the scraped ones carry job and instance).
  return prom!.rawSamples(`${metric}{connection="local",job=""${labels}}`);
}

/** Every check's samples in Prometheus within [fromT, toT], against those of the sweeps in that span. */
async function compareSpan(fromT: number, toT: number): Promise<{ metric: string; want: [number, number][]; got: [number, number][] }[]> {
  const from = sweeps.findIndex((s) => s.t >= fromT);
  const to = sweeps.findIndex((s) => s.t > toT);
  const out = [];
  const checks: [string, string, (s: HostSweep) => number | undefined][] = [
    ...Object.entries(HOST_CHECKS).map(([m, f]) => [m, ',vm=""', f] as [string, string, typeof f]),
    ...Object.entries(VM_CHECKS).map(([m, f]) => [m, `,vm=${JSON.stringify(L.runningGuest)}`, f] as [string, string, typeof f]),
  ];
  for (const [metric, labels, pick] of checks) {
    const series = await written(metric, labels);
    const got = (series[0]?.samples ?? []).filter(([t]) => t >= fromT && t <= toT);
    out.push({ metric, want: expected(pick, from, to === -1 ? sweeps.length : to), got });
  }
  return out;
}

let lastStatus: PrometheusStatus | undefined;

/** The backlog is gone: a success since `since`, and nothing older than the last two batches still waits. */
async function drained(since: number): Promise<boolean> {
  const s = (lastStatus = await call.status()).remoteWrite;
  return s.state === 'ok' && (s.lastSuccessAt ?? 0) > since && (s.oldestQueuedAt === null || s.oldestQueuedAt > Date.now() - 2500);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'novacron-prom-'));
  const store = await openStore(join(dir, 'data'), log);
  const feed = createMetricsFeed((e) => log.error('feed', e));
  feature = createPrometheusFeature({ store, metrics: feed, secrets: noSecretStore, log, hosts: registry, version: 'test' });
  feature.start?.();

  // The scrape endpoint first: Prometheus's config needs its port and token.
  await call.update({ exposition: { enabled: true, port: 0 } });
  const exp = (await call.status()).exposition;
  expect(exp.listening).toBe(true);
  const tokenFile = join(dir, 'scrape-token');
  await writeFile(tokenFile, exp.token!, { mode: 0o600 });
  const config = await writeConfig(dir, { address: `127.0.0.1:${exp.port}`, tokenFile });
  prom = new PrometheusProcess(await freePort(), config, join(dir, 'tsdb'));
  await prom.start();

  await call.update({
    remoteWrite: { enabled: true, url: `${prom.base}/api/v1/write`, batchMs: 1000, maxSamplesPerSend: 500, queueMaxSamples: 100_000 },
  });

  conn = await LibvirtConnection.open(L.system);
  hostname = await api.getHostname(conn);
  collector = createCollector({ hosts: registry, log, intervalMs: 1000 });
  collector.onSweep((s) => {
    sweeps.push(s);
    feed.publish(s);
  });
  registry.publisher.connected('local', conn, false);
}, 90_000);

afterAll(async () => {
  collector?.close();
  await feature?.close?.();
  await prom?.kill();
  await conn?.close().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Prometheus round trip (lab + Debian prometheus)', () => {
  it('gets back exactly the values NovaCron wrote, with their labels', async () => {
    expect(await waitFor(() => sweeps.length >= 6, 20_000)).toBe(true);
    guestUuid = guestOf(sweeps[0]!)!.uuid;
    const upTo = sweeps[5]!.t;
    let cmp = await compareSpan(0, upTo);
    await waitFor(async () => {
      cmp = await compareSpan(0, upTo);
      return cmp.every((c) => c.got.length === c.want.length);
    }, 20_000);
    for (const c of cmp) {
      expect(c.want.length, c.metric).toBeGreaterThanOrEqual(c.metric.includes('cpu') || c.metric.includes('second') ? 4 : 6);
      expect(c.got, c.metric).toEqual(c.want); // same ms timestamps, same doubles
    }
    const [guest] = await written('novacron_vm_cpu_percent', `,vm=${JSON.stringify(L.runningGuest)}`);
    expect(guest!.metric).toEqual({
      __name__: 'novacron_vm_cpu_percent',
      connection: 'local',
      host: hostname,
      vm: L.runningGuest,
      uuid: guestUuid,
    });
    const [host] = await written('novacron_host_memory_used_bytes', '');
    expect(host!.metric).toEqual({ __name__: 'novacron_host_memory_used_bytes', connection: 'local', host: hostname });
  }, 60_000);

  it('scrapes /metrics with the bearer token: the target is up and a scraped value is one NovaCron measured', async () => {
    type Targets = { activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] };
    let targets: Targets = { activeTargets: [] };
    const up = await waitFor(async () => {
      targets = await prom!.api<Targets>('/api/v1/targets', { state: 'active' });
      return targets.activeTargets.some((t) => t.labels.job === 'novacron' && t.health === 'up');
    }, 20_000);
    expect(up, JSON.stringify(targets)).toBe(true);
    const upSeries = await prom!.api<{ result: { value: [number, string] }[] }>('/api/v1/query', { query: 'up{job="novacron"}' });
    expect(upSeries.result[0]?.value[1]).toBe('1');

    const scraped = await prom!.api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>('/api/v1/query', {
      query: `novacron_host_memory_used_bytes{job="novacron",connection="local"}`,
    });
    expect(scraped.result).toHaveLength(1);
    expect(scraped.result[0]!.metric.host).toBe(hostname);
    const measured = new Set(sweeps.map((s) => HOST_CHECKS.novacron_host_memory_used_bytes(s)));
    expect(measured.has(Number(scraped.result[0]!.value[1]))).toBe(true);
    expect((await call.status()).exposition.scrapes).toBeGreaterThan(0);
  }, 40_000);

  it('refuses /metrics without the token or with a wrong one', async () => {
    const exp = (await call.status()).exposition;
    expect(exp.address).toBe('127.0.0.1');
    const url = exp.url!;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).not.toContain('novacron_');
    const wrong = await fetch(url, { headers: { Authorization: `Bearer ${exp.token!}x` } });
    expect(wrong.status).toBe(401);
    const basic = await fetch(url, { headers: { Authorization: `Basic ${Buffer.from(`u:${exp.token!}`).toString('base64')}` } });
    expect(basic.status).toBe(401);
    const right = await fetch(url, { headers: { Authorization: `Bearer ${exp.token!}` } });
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await right.text();
    expect(text).toContain('# TYPE novacron_vm_cpu_percent gauge');
    expect(text).toContain(`novacron_vm_cpu_percent{connection="local",host="${hostname}",vm="${L.runningGuest}",uuid="${guestUuid}"} `);
    expect((await call.status()).exposition.refused).toBeGreaterThanOrEqual(3);
  });

  it('loses nothing while Prometheus is killed and restarted on the same storage', async () => {
    expect(await waitFor(() => drained(0), 20_000), JSON.stringify(lastStatus)).toBe(true);
    const pid = prom!.pid!;
    const killedAt = Date.now();
    await prom!.kill(); // SIGKILL by PID
    expect(() => process.kill(pid, 0)).toThrow(); // really gone

    const sweepsAtKill = sweeps.length;
    expect(await waitFor(() => sweeps.length >= sweepsAtKill + 6, 20_000)).toBe(true);
    const down = await call.status();
    expect(down.remoteWrite.state).toBe('retrying');
    expect(down.remoteWrite.queuedSamples).toBeGreaterThan(0);
    expect(down.remoteWrite.lastError?.willRetry).toBe(true);
    expect(down.remoteWrite.lastError?.message).toMatch(/ECONNREFUSED|ECONNRESET|socket|closed/i);

    const restartedAt = Date.now();
    await prom!.start();
    expect(await waitFor(() => drained(restartedAt), 30_000), JSON.stringify(lastStatus)).toBe(true);
    const upTo = sweeps.at(-1)!.t;
    let cmp = await compareSpan(killedAt, upTo);
    await waitFor(async () => {
      cmp = await compareSpan(killedAt, upTo);
      return cmp.every((c) => c.got.length === c.want.length);
    }, 20_000);
    const whileDown = (c: (typeof cmp)[number]) => c.want.filter(([t]) => t < restartedAt).length;
    for (const c of cmp) {
      expect(whileDown(c), c.metric).toBeGreaterThanOrEqual(4); // samples taken while it was down...
      expect(c.got, c.metric).toEqual(c.want); // ...all there, exact
    }
    // The samples from before the kill survived in its storage.
    const before = await compareSpan(0, killedAt - 1);
    for (const c of before) expect(c.got, c.metric).toEqual(c.want);

    const after = await call.status();
    expect(after.remoteWrite.dropped).toEqual({ queueFull: 0, tooOld: 0, rejected: 0 });
    expect(after.remoteWrite.failedAttempts).toBeGreaterThan(0);
    expect(after.remoteWrite.lastSuccessAt).toBeGreaterThan(restartedAt);
  }, 120_000);
});
