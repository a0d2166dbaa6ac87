/**
 * Rules through the backend (no host needed): the built-ins and their values,
 * edits that keep what they leave out, what cannot be deleted or makes no
 * sense, the webhook settings' validation, a v1 store migrated, and rules
 * surviving a restart. Plus the lifecycle verdicts and the history bound.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alert, AlertRule } from '../../shared/contract/alerts.js';
import { boundHistory, listAlerts } from '../../electron/backend/alerts/history.js';
import { judgeLifecycle } from '../../electron/backend/alerts/lifecycle.js';
import type { DomainLifecycleEvent } from '../../electron/libvirt/index.js';
import { makeTempDir, removeDir, startTestBackend } from '../backend/helpers.js';
import { waitFor } from '../helpers/lab.js';
import { SCHEMA_VERSION } from '../../electron/backend/store/schema.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});
async function fresh(dataDir?: string) {
  const t = await startTestBackend({ autoConnect: false, ...(dataDir ? { dataDir } : {}) });
  if (!dataDir) dirs.push(t.dataDir);
  return t;
}

describe('alert rules (backend)', () => {
  it('ships the built-in rules with the documented values', async () => {
    const t = await fresh();
    try {
      const rules = await t.call('alerts.rules', {});
      const byId = Object.fromEntries(rules.map((r) => [r.id, r])) as Record<string, AlertRule>;
      expect(byId['builtin-host-memory']).toMatchObject({
        kind: 'threshold',
        metric: 'host_mem_used_pct',
        threshold: 90,
        clearThreshold: 85,
      });
      expect(byId['builtin-vm-cpu']).toMatchObject({
        metric: 'cpu_pct',
        condition: 'above',
        threshold: 95,
        clearThreshold: 90,
        forSec: 300,
      });
      expect(byId['builtin-vm-stopped']).toMatchObject({ kind: 'vm-stopped-unexpectedly', severity: 'critical' });
      expect(byId['builtin-pool-full']).toMatchObject({ kind: 'pool-full', threshold: 85 });
      expect(byId['builtin-host-unreachable']).toMatchObject({ kind: 'host-unreachable', forSec: 30, severity: 'critical' });
      expect(rules.every((r) => r.builtin && r.enabled)).toBe(true);
      // Seeded into the store (in the background at startup), not only shown.
      const stored = async () => (JSON.parse(await readFile(join(t.dataDir, 'db.json'), 'utf8')) as { alertRules: unknown[] }).alertRules;
      expect(await waitFor(async () => (await stored()).length === 5, 3000, 20)).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('edits a built-in without resetting the fields the edit leaves out, and refuses to delete it', async () => {
    const t = await fresh();
    try {
      const since = t.events.mark();
      const edited = await t.call('alerts.updateRule', { id: 'builtin-vm-cpu', threshold: 97, severity: 'critical' });
      expect(edited).toMatchObject({ threshold: 97, clearThreshold: 90, forSec: 300, severity: 'critical', enabled: true, builtin: true });
      await t.events.waitFor('alerts.rulesChanged', () => true, 2000, since);
      expect((await t.call('alerts.updateRule', { id: 'builtin-vm-cpu', enabled: false })).enabled).toBe(false);
      expect((await t.fail('alerts.deleteRule', { id: 'builtin-vm-cpu' })).code).toBe('operation-invalid');
      expect((await t.fail('alerts.updateRule', { id: 'builtin-vm-cpu', kind: 'pool-full' })).code).toBe('invalid-input');
      expect((await t.fail('alerts.updateRule', { id: 'no-such-rule', threshold: 1 })).code).toBe('not-found');
    } finally {
      await t.close();
    }
  });

  it('refuses rules that make no sense', async () => {
    const t = await fresh();
    try {
      const base = { name: 'x', kind: 'threshold' as const, metric: 'cpu_pct' as const, threshold: 50 };
      const bad: [unknown, RegExp][] = [
        [{ ...base, metric: undefined }, /needs a metric/],
        [{ ...base, clearThreshold: 60 }, /clear threshold must be at or below/],
        [{ ...base, condition: 'below', clearThreshold: 40 }, /at or above/],
        [{ ...base, metric: 'host_cpu_pct', scope: { kind: 'tag', tag: 'web' } }, /host metric/],
        [{ ...base, threshold: undefined }, /threshold is required/],
        [{ name: 'x', kind: 'host-unreachable', threshold: 3 }, /takes no threshold/],
        [
          {
            name: 'x',
            kind: 'pool-full',
            threshold: 90,
            scope: { kind: 'vm', connectionId: 'c', uuid: '11111111-1111-1111-1111-111111111111' },
          },
          /applies to hosts/,
        ],
        [{ ...base, name: 'a\nb' }, /Invalid input/],
        [{ ...base, metric: 'nope' }, /Invalid input/],
      ];
      for (const [input, why] of bad) {
        const e = await t.fail('alerts.createRule', input);
        expect(e.code, JSON.stringify(input)).toBe('invalid-input');
        expect(`${e.message} ${JSON.stringify(e.issues)}`, JSON.stringify(input)).toMatch(why);
      }
      const made = await t.call('alerts.createRule', { ...base, scope: { kind: 'tag', tag: 'web' }, forSec: 5 });
      expect(made).toMatchObject({ builtin: false, enabled: true, severity: 'warning', condition: 'above' });
      expect(await t.call('alerts.deleteRule', { id: made.id })).toEqual({ ok: true });
      expect((await t.call('alerts.rules', {})).some((r) => r.id === made.id)).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('validates the webhook URL: http(s) only, required when enabled', async () => {
    const t = await fresh();
    try {
      expect(await t.call('alerts.webhook', {})).toMatchObject({ enabled: false, url: '', queued: 0, dropped: 0 });
      for (const url of ['ftp://example.com/hook', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'])
        expect((await t.fail('alerts.setWebhook', { enabled: true, url })).code, url).toBe('invalid-input');
      expect((await t.fail('alerts.setWebhook', { enabled: true, url: '' })).code).toBe('invalid-input');
      const set = await t.call('alerts.setWebhook', { enabled: true, url: 'https://hooks.example.com/novacron' });
      expect(set).toMatchObject({ enabled: true, url: 'https://hooks.example.com/novacron', queued: 0 });
    } finally {
      await t.close();
    }
  });

  it('keeps rules, built-in edits and webhook settings across a restart, and migrates a v1 store', async () => {
    const dir = await makeTempDir('novacron-alerts-');
    dirs.push(dir);
    const v1 = {
      schemaVersion: 1,
      connections: [{ id: 'c1', name: 'lab', uri: 'qemu:///system', autoConnect: false, hasStoredSecret: false }],
      settings: {},
    };
    await writeFile(join(dir, 'db.json'), JSON.stringify(v1));
    const t1 = await fresh(dir);
    let id: string;
    try {
      expect((await t1.call('connections.list', {})).map((c) => c.name)).toEqual(['lab']);
      id = (await t1.call('alerts.createRule', { name: 'mine', kind: 'threshold', metric: 'disk_wr_bps', threshold: 1e6 })).id;
      await t1.call('alerts.updateRule', { id: 'builtin-host-memory', threshold: 95, forSec: 120 });
      await t1.call('alerts.setWebhook', { enabled: false, url: 'http://127.0.0.1:9/hook' });
    } finally {
      await t1.close();
    }
    // Written at the current schema version (alert rules came with 2; later versions keep them).
    expect(JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
    const t2 = await fresh(dir);
    try {
      const rules = await t2.call('alerts.rules', {});
      expect(rules.find((r) => r.id === id)).toMatchObject({ name: 'mine', threshold: 1e6 });
      expect(rules.find((r) => r.id === 'builtin-host-memory')).toMatchObject({ threshold: 95, forSec: 120, clearThreshold: 85 });
      expect(rules.filter((r) => r.builtin)).toHaveLength(5);
      expect(await t2.call('alerts.webhook', {})).toMatchObject({ enabled: false, url: 'http://127.0.0.1:9/hook' });
    } finally {
      await t2.close();
    }
  });
});

describe('lifecycle verdicts', () => {
  const ev = (event: string, detail: string) =>
    ({
      kind: 'domain-lifecycle',
      dom: { name: 'vm1', uuid: 'u', id: 1 },
      event,
      detail,
      raw: { event: 0, detail: 0 },
    }) as DomainLifecycleEvent;

  it('raises on crashes and failures always, on stops only without a NovaCron intent', () => {
    expect(judgeLifecycle(ev('crashed', 'panicked'), undefined)).toEqual({ raise: 'vm1 crashed (panicked)' });
    expect(judgeLifecycle(ev('stopped', 'failed'), 'stop')).toMatchObject({ raise: expect.stringMatching(/failure/) });
    // the half-made copy of a cancelled migration, on its target
    expect(judgeLifecycle(ev('stopped', 'failed'), 'migrate')).toBeNull();
    expect(judgeLifecycle(ev('stopped', 'crashed'), 'stop')).toMatchObject({ raise: expect.stringMatching(/crashed/) });
    expect(judgeLifecycle(ev('stopped', 'destroyed'), undefined)).toMatchObject({
      raise: expect.stringMatching(/without NovaCron asking/),
    });
    expect(judgeLifecycle(ev('stopped', 'shutdown'), undefined)).toMatchObject({ raise: expect.stringMatching(/without NovaCron asking/) });
    expect(judgeLifecycle(ev('stopped', 'destroyed'), 'stop')).toBeNull();
    expect(judgeLifecycle(ev('stopped', 'shutdown'), 'restart')).toBeNull();
    expect(judgeLifecycle(ev('stopped', 'shutdown'), 'suspend')).toMatchObject({ raise: expect.any(String) });
    expect(judgeLifecycle(ev('stopped', 'migrated'), undefined)).toBeNull();
    expect(judgeLifecycle(ev('stopped', 'saved'), undefined)).toBeNull();
    expect(judgeLifecycle(ev('started', 'booted'), undefined)).toEqual({ settle: 'vm1 started again' });
    expect(judgeLifecycle(ev('undefined', 'removed'), undefined)).toEqual({ settle: 'vm1 was deleted' });
    expect(judgeLifecycle(ev('suspended', 'paused'), undefined)).toBeNull();
  });
});

describe('alert history', () => {
  const alert = (i: number, state: Alert['state']): Alert => ({
    id: `a${i}`,
    ruleId: 'r',
    ruleName: 'r',
    severity: 'info',
    state,
    subject: { connectionId: 'c', name: 'n' },
    message: 'm',
    since: i,
    ...(state === 'resolved' ? { firedAt: i, resolvedAt: i + 1 } : {}),
  });

  it('keeps every unresolved alert and the most recently resolved ones', () => {
    const all = [...Array.from({ length: 2500 }, (_, i) => alert(i, 'resolved')), alert(-1, 'firing')];
    const kept = boundHistory(all, 2000);
    expect(kept).toHaveLength(2001);
    expect(kept.some((a) => a.id === 'a-1')).toBe(true);
    expect(kept.some((a) => a.id === 'a499')).toBe(false);
    expect(kept.some((a) => a.id === 'a500')).toBe(true);
  });

  it('lists newest first, later copies winning, filtered', () => {
    const stored = [alert(1, 'resolved'), alert(2, 'firing')];
    const live = [{ ...alert(2, 'firing'), acknowledged: { by: 'me', at: 5 } }, alert(3, 'pending')];
    expect(listAlerts([stored, live], { limit: 10 }).map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
    expect(listAlerts([stored, live], { limit: 10, acknowledged: true }).map((a) => a.id)).toEqual(['a2']);
    expect(listAlerts([stored, live], { limit: 10, state: 'resolved' }).map((a) => a.id)).toEqual(['a1']);
    expect(listAlerts([stored, live], { limit: 1, since: 2 }).map((a) => a.id)).toEqual(['a3']);
  });
});
