/**
 * Alerts through the whole backend against the lab: real CPU load in a
 * throwaway guest takes a CPU rule pending -> firing -> resolved, and a
 * loopback webhook receiver gets it after a first 500; a pool rule fires and
 * clears; a host behind a proxy that is cut raises "host unreachable" while
 * the direct host keeps its sweep cadence, and resolves when restored; a
 * `virsh destroy` raises "stopped unexpectedly" (also for a rule scoped to
 * the machine's tag), a shutdown through vms.act does not; rules and alerts
 * survive a restart of the backend.
 */
import { createServer, type Server } from 'node:http';
import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, WebhookBody } from '../../shared/contract/alerts.js';
import type { Connection } from '../../shared/types.js';
import { setNovacronMetadata } from '../../electron/backend/xml/index.js';
import { api, LibvirtConnection, uuidToString } from '../../electron/libvirt/index.js';
import { removeDir, startTestBackend, type TestBackend } from '../backend/helpers.js';
import { GuestConsole } from '../helpers/guest-console.js';
import { requireLab, uniqueName, virsh, waitFor } from '../helpers/lab.js';
import { removeDomain, stoppedLabGuestXml, throwawayDomainXml } from '../libvirt/api/throwaway.js';
import { startCuttableProxy, type CuttableProxy } from './proxy.js';

const L = requireLab();
const loadedName = uniqueName('alertcpu');
const killedName = uniqueName('alertkill');
let conn: LibvirtConnection;
let t: TestBackend;
let sys = '';
let loadedUuid = '';
let receiver: Server;
let hookUrl = '';
let proxy: CuttableProxy | undefined;
/** Status codes the receiver answers, in turn; 200 once they run out. */
const answers = [500];
const hooks: { status: number; body: WebhookBody }[] = [];

const alertEvent = (pred: (a: Alert) => boolean, from: number, timeoutMs = 30_000) =>
  t.events.waitFor<Alert>('alert.changed', pred, timeoutMs, from);

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      res.statusCode = answers.shift() ?? 200;
      hooks.push({ status: res.statusCode, body: JSON.parse(text) as WebhookBody });
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/novacron`;

  conn = await LibvirtConnection.open(L.system);
  const dom = await api.createDomainXml(conn, throwawayDomainXml(await stoppedLabGuestXml(conn), loadedName, null), 0);
  loadedUuid = uuidToString(dom.uuid);

  t = await startTestBackend({ autoConnect: false });
  await t.call('metrics.updateSettings', { intervalMs: 1000 });
  await t.call('alerts.setWebhook', { enabled: true, url: hookUrl });
  sys = (await t.call('connections.add', { name: 'lab', uri: L.system })).id;
  await t.call('connections.connect', { id: sys });
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await t?.close();
  if (t) await removeDir(t.dataDir);
  await removeDomain(conn, loadedName);
  await removeDomain(conn, killedName);
  await conn?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

describe('alerts (lab)', () => {
  it('takes a CPU rule pending, firing and resolved with real load, and the webhook gets it after a 500', async () => {
    const dom = await api.lookupDomainByUuid(conn, loadedUuid);
    const shell = await GuestConsole.open(conn, dom);
    try {
      await shell.run('echo AB$((40+2))CD', 'AB42CD', 60_000); // booted, the shell answers
      await new Promise((r) => setTimeout(r, 3000)); // the boot's own CPU burst passes
      const rule = await t.call('alerts.createRule', {
        name: 'test: busy guest',
        kind: 'threshold',
        metric: 'cpu_pct',
        scope: { kind: 'vm', connectionId: sys, uuid: loadedUuid },
        threshold: 50,
        clearThreshold: 30,
        forSec: 3,
        severity: 'critical',
      });
      const from = t.events.mark();
      await shell.run('(while :; do :; done) & echo LO$((1+1))AD', 'LO2AD');
      const fired = await alertEvent((a) => a.ruleId === rule.id && a.state === 'firing', from, 40_000);
      const pending = await alertEvent((a) => a.id === fired.id && a.state === 'pending', from, 1);
      expect(pending.value).toBeGreaterThan(50);
      expect(fired.firedAt! - fired.since).toBeGreaterThanOrEqual(3000);
      expect(fired).toMatchObject({ severity: 'critical', subject: { connectionId: sys, uuid: loadedUuid, name: loadedName } });

      await shell.run('kill %1; echo ST$((3+4))OP', 'ST7OP');
      const resolved = await alertEvent((a) => a.id === fired.id && a.state === 'resolved', from, 30_000);
      expect(resolved.message).toMatch(/back to .*at or below 30%/);
      expect(resolved.value).toBeLessThanOrEqual(30);

      // The webhook: the firing alert answered 500 first, then retried and accepted; the resolution follows.
      expect(await waitFor(() => hooks.filter((h) => h.body.alert.id === fired.id).length >= 3, 20_000)).toBe(true);
      const mine = hooks.filter((h) => h.body.alert.id === fired.id);
      expect(mine.map((h) => [h.status, h.body.alert.state])).toEqual([
        [500, 'firing'],
        [200, 'firing'],
        [200, 'resolved'],
      ]);
      expect(mine[1]!.body).toMatchObject({ type: 'novacron.alert', rule: { id: rule.id, name: 'test: busy guest' } });
      const status = await t.call('alerts.webhook', {});
      expect(status).toMatchObject({ queued: 0, lastError: 'attempt 1 failed: the receiver answered HTTP 500' });

      const listed = await t.call('alerts.list', { state: 'resolved' });
      expect(listed.find((a) => a.id === fired.id)).toMatchObject({ state: 'resolved', resolvedAt: resolved.resolvedAt });
    } finally {
      await shell.close();
    }
  }, 150_000);

  it('fires a pool rule from the real pool fill, and clears it when the threshold is raised', async () => {
    const from = t.events.mark();
    const rule = await t.call('alerts.createRule', {
      name: 'test: any pool use',
      kind: 'pool-full',
      scope: { kind: 'host', connectionId: sys },
      threshold: 0.000001,
    });
    const fired = await alertEvent((a) => a.ruleId === rule.id && a.subject.pool === L.pool && a.state === 'firing', from, 15_000);
    expect(fired.value).toBeGreaterThan(0);
    await t.call('alerts.updateRule', { id: rule.id, threshold: 100 });
    const cleared = await alertEvent((a) => a.id === fired.id && a.state === 'resolved', from, 15_000);
    expect(cleared.message).toMatch(new RegExp(`^${L.pool} on lab: pool fill back to`));
    await t.call('alerts.deleteRule', { id: rule.id });
  });

  it('does not call a shutdown through vms.act unexpected, but does a virsh destroy', async () => {
    // The loaded guest is booted: it powers off on the ACPI button (pressed again until it does).
    let from = t.events.mark();
    const off = await waitFor(
      async () => {
        await t.call('vms.act', { connectionId: sys, uuid: loadedUuid, action: 'shutdown' }).catch(() => null);
        return waitFor(() => !virsh(['list', '--name']).includes(loadedName), 3000);
      },
      60_000,
      0,
    );
    expect(off).toBe(true);
    await new Promise((r) => setTimeout(r, 1500)); // the events had their chance
    const stoppedAlerts = (f: number) =>
      t.events.events.filter((e) => e.seq >= f && e.name === 'alert.changed' && (e.payload as Alert).ruleId === 'builtin-vm-stopped');
    expect(stoppedAlerts(from)).toEqual([]);

    // This one carries a NovaCron tag, which a second rule is scoped to.
    const tagged = await t.call('alerts.createRule', {
      name: 'test: tagged machines',
      kind: 'vm-stopped-unexpectedly',
      scope: { kind: 'tag', tag: 'alerttest' },
    });
    from = t.events.mark();
    const xml = setNovacronMetadata(throwawayDomainXml(await stoppedLabGuestXml(conn), killedName, null), { tags: ['alerttest'] });
    const dom = await api.createDomainXml(conn, xml, 0);
    const uuid = uuidToString(dom.uuid);
    await t.events.waitFor<{ uuid: string; state: string }>('vm.changed', (v) => v.uuid === uuid && v.state === 'running', 15_000, from);
    await new Promise((r) => setTimeout(r, 1000)); // its tags are read on the start event
    from = t.events.mark();
    virsh(['destroy', killedName]);
    const fired = await alertEvent((a) => a.ruleId === 'builtin-vm-stopped' && a.subject.uuid === uuid, from, 15_000);
    const byTag = await alertEvent((a) => a.ruleId === tagged.id && a.subject.uuid === uuid, from, 15_000);
    expect(byTag).toMatchObject({ state: 'firing', subject: { name: killedName } });
    expect(fired).toMatchObject({ state: 'firing', severity: 'critical', subject: { connectionId: sys, name: killedName } });
    expect(fired.message).toMatch(/without NovaCron asking/);
    const acked = await t.call('alerts.acknowledge', { id: fired.id });
    expect(acked.acknowledged).toMatchObject({ by: userInfo().username });
    expect(acked.state).toBe('firing');
  }, 90_000);

  it('raises "host unreachable" for a cut host while the direct one keeps its cadence, and resolves it when restored', async () => {
    await t.call('alerts.updateRule', { id: 'builtin-host-unreachable', forSec: 3 });
    proxy = await startCuttableProxy();
    const far = (await t.call('connections.add', { name: 'far', uri: proxy.uri })).id;
    await t.call('connections.connect', { id: far });
    const from = t.events.mark();
    const cutAt = Date.now();
    proxy.cut();
    const fired = await alertEvent(
      (a) => a.ruleId === 'builtin-host-unreachable' && a.subject.connectionId === far && a.state === 'firing',
      from,
      15_000,
    );
    expect(fired.firedAt! - fired.since).toBeGreaterThanOrEqual(3000);
    expect(fired.subject.name).toBe('far');
    await new Promise((r) => setTimeout(r, 1000));
    // The direct host's sweeps went on at about 1 s while the other was down.
    const sweeps = t.events.events
      .filter((e) => e.seq >= from && e.name === 'metrics.sweep')
      .map((e) => e.payload as { host: { connectionId: string; t: number } });
    const direct = sweeps.filter((s) => s.host.connectionId === sys);
    const elapsed = (Date.now() - cutAt) / 1000;
    expect(direct.length).toBeGreaterThanOrEqual(Math.floor(elapsed * 0.7) - 1);
    const gaps = direct.slice(1).map((s, i) => s.host.t - direct[i]!.host.t);
    expect(Math.max(...gaps)).toBeLessThan(2500);

    proxy.restore();
    const resolved = await alertEvent((a) => a.id === fired.id && a.state === 'resolved', from, 40_000);
    expect(resolved.message).toBe('far is reachable again');
    await t.events.waitFor<Connection>('connection.changed', (c) => c.id === far && c.state === 'connected', 5000, from);
    await t.call('connections.remove', { id: far });
  }, 90_000);

  it('keeps rules and alerts, acknowledgements included, across a restart of the backend', async () => {
    const before = await t.call('alerts.list', {});
    const rules = await t.call('alerts.rules', {});
    expect(before.some((a) => a.state === 'resolved')).toBe(true);
    expect(before.some((a) => a.state === 'firing' && a.acknowledged)).toBe(true);
    const dataDir = t.dataDir;
    await t.close();
    t = await startTestBackend({ dataDir, autoConnect: false });
    const after = await t.call('alerts.list', {});
    const pick = (list: Alert[]) =>
      list.filter((a) => a.state !== 'pending').map((a) => ({ id: a.id, state: a.state, acknowledged: a.acknowledged }));
    expect(pick(after)).toEqual(pick(before));
    expect(await t.call('alerts.rules', {})).toEqual(rules);
    expect(rules.find((r) => r.id === 'builtin-host-unreachable')!.forSec).toBe(3);
  }, 30_000);
});
