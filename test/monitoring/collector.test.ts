/**
 * The collector against the lab: a throwaway guest's CPU series follows real
 * load started in its shell, a restart gives no negative rate, the host
 * series come in, and a second, stalled host does not hold back the first.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostRegistry } from '../../electron/backend/hosts/registry.js';
import { createMemoryLogger } from '../../electron/backend/log.js';
import { createCollector, type Collector, type HostSweep } from '../../electron/backend/monitoring/collector/collector.js';
import { api, LibvirtConnection, type Dom } from '../../electron/libvirt/index.js';
import { GuestConsole } from '../helpers/guest-console.js';
import { requireLab, uniqueName, waitFor } from '../helpers/lab.js';
import { removeDomain, stoppedLabGuestXml, throwawayDomainXml } from '../libvirt/api/throwaway.js';

const L = requireLab();
const name = uniqueName('mon');
let conn: LibvirtConnection;
let dom: Dom;
let collector: Collector | undefined;
const sweeps: HostSweep[] = [];
const names = new Map([
  ['local', 'lab'],
  ['stalled', 'stalled host'],
]);
const registry = createHostRegistry((id) => names.get(id), createMemoryLogger());

const mine = (s: HostSweep) => s.vms.find((v) => v.name === name);
const cpuOf = (from: number) =>
  sweeps
    .slice(from)
    .filter((s) => s.connectionId === 'local')
    .map((s) => mine(s)?.values.cpu_pct)
    .filter((v): v is number => v !== undefined);

beforeAll(async () => {
  conn = await LibvirtConnection.open(L.system);
  const xml = throwawayDomainXml(await stoppedLabGuestXml(conn), name, null);
  dom = await api.createDomainXml(conn, xml, 0);
  collector = createCollector({ hosts: registry, log: createMemoryLogger(), intervalMs: 500 });
  collector.onSweep((s) => sweeps.push(s));
  registry.publisher.connected('local', conn, false);
}, 60_000);

afterAll(async () => {
  collector?.close();
  await removeDomain(conn, name);
  await conn?.close();
});

describe('collector (lab)', () => {
  it('sweeps the host every interval with host CPU and memory', async () => {
    expect(await waitFor(() => sweeps.filter((s) => s.connectionId === 'local').length >= 3, 15_000)).toBe(true);
    const last = sweeps.filter((s) => s.connectionId === 'local').at(-1)!;
    expect(last.host.host_cpu_pct).toBeGreaterThanOrEqual(0);
    expect(last.host.host_cpu_pct).toBeLessThanOrEqual(100);
    expect(last.host.host_mem_used_kib).toBeGreaterThan(0);
    expect(last.vms.map((v) => v.name)).toEqual(expect.arrayContaining([L.runningGuest, name]));
    const gaps = sweeps
      .filter((s) => s.connectionId === 'local')
      .map((s) => s.t)
      .slice(-3);
    expect(gaps[2]! - gaps[0]!).toBeGreaterThanOrEqual(900); // two intervals of 500 ms, never overlapping
  });

  it("follows real CPU load started in the guest's shell, and its end", async () => {
    const shell = await GuestConsole.open(conn, dom);
    try {
      await shell.run('echo AB$((40+2))CD', 'AB42CD', 40_000); // booted, shell answers
      await new Promise((r) => setTimeout(r, 3000)); // let the boot's own CPU burst pass
      const idleFrom = sweeps.length;
      await new Promise((r) => setTimeout(r, 2500));
      const idle = cpuOf(idleFrom);
      expect(idle.length).toBeGreaterThan(0);

      await shell.run('(while :; do :; done) & echo LO$((1+1))AD', 'LO2AD');
      const loadFrom = sweeps.length;
      const loaded = await waitFor(() => cpuOf(loadFrom).filter((v) => v > 60).length >= 2, 20_000);
      expect(
        loaded,
        `cpu % under load: ${cpuOf(loadFrom)
          .map((v) => v.toFixed(0))
          .join(' ')}; console: ${shell.output.slice(-200)}`,
      ).toBe(true);

      await shell.run('kill %1; echo ST$((3+4))OP', 'ST7OP');
      const stopFrom = sweeps.length;
      expect(
        await waitFor(
          () =>
            cpuOf(stopFrom)
              .slice(-2)
              .every((v) => v < 50) && cpuOf(stopFrom).length >= 3,
          20_000,
        ),
      ).toBe(true);
      expect(Math.min(...idle)).toBeLessThan(50);
    } finally {
      await shell.close();
    }
  }, 90_000);

  it('gives no negative or absurd rate across a restart of the machine', async () => {
    const from = sweeps.length;
    await api.destroyDomain(conn, dom);
    const xml = throwawayDomainXml(await stoppedLabGuestXml(conn), name, null);
    dom = await api.createDomainXml(conn, xml, 0);
    expect(await waitFor(() => cpuOf(from).length >= 3, 20_000)).toBe(true);
    for (const s of sweeps.slice(from)) {
      const v = mine(s)?.values ?? {};
      for (const [k, x] of Object.entries(v)) {
        expect(x, k).toBeGreaterThanOrEqual(0);
        if (k.endsWith('_pct')) expect(x, k).toBeLessThanOrEqual(100);
      }
    }
  }, 60_000);

  it('keeps its cadence on one host while another host stalls mid-sweep', async () => {
    // A loopback proxy to the daemon that we can freeze: the stalled host's sweep hangs on it.
    const held: Socket[] = [];
    let frozen = false;
    const proxy: Server = createServer((client) => {
      held.push(client);
      const upstream = connect('/var/run/libvirt/libvirt-sock');
      held.push(upstream);
      client.on('data', (d) => {
        if (!frozen) upstream.write(d);
      });
      upstream.on('data', (d) => {
        if (!frozen) client.write(d);
      });
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const port = (proxy.address() as { port: number }).port;
    const stalled = await LibvirtConnection.open(`qemu+tcp://127.0.0.1:${port}/system`, { keepalive: false, reconnect: false }).catch(
      () => null,
    );
    try {
      expect(stalled).not.toBeNull();
      registry.publisher.connected('stalled', stalled!, false);
      await waitFor(() => sweeps.some((s) => s.connectionId === 'stalled'), 10_000);
      frozen = true;
      const from = sweeps.length;
      await new Promise((r) => setTimeout(r, 4000));
      const local = sweeps.slice(from).filter((s) => s.connectionId === 'local');
      const stalledSweeps = sweeps.slice(from).filter((s) => s.connectionId === 'stalled');
      expect(local.length).toBeGreaterThanOrEqual(5); // ~8 at 500 ms; the frozen host held none back
      expect(stalledSweeps.length).toBeLessThanOrEqual(1);
    } finally {
      registry.publisher.lost('stalled');
      frozen = false;
      for (const s of held) s.destroy();
      proxy.close();
      await stalled?.close().catch(() => undefined);
    }
  }, 40_000);
});
