/**
 * `novacron alerts list` reads the alert history a backend wrote to the same
 * data dir, read-only (beside a running backend, too), through the store's
 * and the alerts feature's own code; same exit codes and one-line errors as
 * the other commands.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/contract/alerts.js';
import { startTestBackend, type TestBackend } from '../backend/helpers.js';
import { requireLab } from '../helpers/lab.js';
import { buildCli, cliDataDir, cliJson, expectOneLineFailure, removeDataDir, runCli } from './helpers.js';

const L = requireLab();
let t: TestBackend;
let fired: Alert;

beforeAll(async () => {
  buildCli();
  t = await startTestBackend({ dataDir: cliDataDir, autoConnect: false });
  const c = await t.call('connections.add', { name: 'lab', uri: L.system });
  await t.call('connections.connect', { id: c.id });
  // A real alert from the lab: any use of the lab's pool breaks this rule.
  const rule = await t.call('alerts.createRule', { name: 'cli: pool in use', kind: 'pool-full', threshold: 0.000001, severity: 'info' });
  fired = await t.events.waitFor<Alert>(
    'alert.changed',
    (a) => a.ruleId === rule.id && a.subject.pool === L.pool && a.state === 'firing',
    20_000,
  );
  await t.call('alerts.acknowledge', { id: fired.id });
}, 60_000);

afterAll(async () => {
  await t?.close();
  removeDataDir();
});

describe('novacron alerts list', () => {
  it('lists the stored alerts as JSON while the backend runs, writing nothing', async () => {
    const db = join(cliDataDir, 'db.json');
    // The history is written shortly after a change.
    await new Promise((r) => setTimeout(r, 600));
    const before = await stat(db);
    const list = await cliJson<Alert[]>(['alerts', 'list', '--json']);
    const mine = list.find((a) => a.id === fired.id);
    expect(mine).toMatchObject({ state: 'firing', severity: 'info', subject: { pool: L.pool }, acknowledged: { by: expect.any(String) } });
    expect((await stat(db)).mtimeMs).toBe(before.mtimeMs);
    // The same answer as the backend's (its stored part: pending alerts live only in the app).
    const backend = (await t.call('alerts.list', {})).filter((a) => a.state !== 'pending');
    expect(list).toEqual(backend);
  });

  it('prints a table without --json', async () => {
    const r = await runCli(['alerts', 'list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toMatch(/^State\s+Severity\s+Since\s+Rule\s+Subject\s+Acknowledged by\s+Message$/);
    expect(r.stdout).toContain('cli: pool in use');
  });

  it('refuses extra words with a usage error', async () => {
    expect(expectOneLineFailure(await runCli(['alerts', 'list', 'now']), 2)).toMatch(/unexpected argument "now"/);
    expect(expectOneLineFailure(await runCli(['alerts', 'purge']), 2)).toMatch(/unknown command "alerts purge"/);
  });

  it('reports an unusable store file in one line and leaves it where it is', async () => {
    await t.close();
    const db = join(cliDataDir, 'db.json');
    const kept = await readFile(db, 'utf8');
    await writeFile(db, '{"schemaVersion": 2, "connections": [');
    try {
      const line = expectOneLineFailure(await runCli(['alerts', 'list', '--json']), 1);
      expect(line).toMatch(/settings file .*db\.json cannot be used: it is not valid JSON/);
      expect((await readdir(cliDataDir)).filter((f) => f.includes('corrupt'))).toEqual([]);
    } finally {
      await writeFile(db, kept);
    }
  });
});
