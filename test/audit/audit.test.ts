/**
 * The audit log against the lab: a successful and a failed action recorded
 * with the OS user, the connection and the machine's name; the log surviving
 * a restart; filters and paging; CSV (quoted, formula-safe) and JSON exports
 * that parse back, from the backend and from the CLI reading the same file.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/contract/audit.js';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { csvCell } from '../../electron/backend/audit/export.js';
import { startTestBackend, type TestBackend } from '../backend/helpers.js';
import { buildCli, cliDataDir, removeDataDir, runCli } from '../cli/helpers.js';
import { connectLab, lab, requireLab } from '../helpers/lab.js';
import { makeGuest, type Guest } from '../helpers/throwaway-guest.js';

/** RFC 4180 rows: quoted cells with doubled quotes, CRLF between rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('CSV cells', () => {
  it('quote everything and defuse formulas', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) expect(csvCell(f)).toBe(`"'${f}"`);
  });
});

describe.skipIf(!lab)('audit log', () => {
  let c: LibvirtClient;
  let g: Guest;
  let t: TestBackend;
  let connectionId: string;
  const user = userInfo().username;
  const connName = '=HYPERLINK("http://evil")';
  let t0: number;

  beforeAll(async () => {
    buildCli();
    c = await connectLab('system');
    g = await makeGuest(c, 'audit', { disk: null });
    t = await startTestBackend({ dataDir: cliDataDir });
    t0 = Date.now();
    connectionId = (await t.call('connections.add', { name: connName, uri: requireLab().system })).id;
    await t.call('connections.connect', { id: connectionId });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await g?.remove();
    await c?.close();
    removeDataDir();
  });

  const waitForEntries = async (n: number) => {
    const deadline = Date.now() + 10_000;
    while ((await t.call('audit.list', {})).total < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  };

  it('records a success and a failure with the user, the connection and the machine', async () => {
    await t.call('inventory.setTags', { connectionId, uuid: g.uuid, tags: ['audited'] });
    const failed = await t.fail('snapshots.revert', { connectionId, uuid: g.uuid, name: 'no-such-snapshot' });
    expect(failed.code).toBe('not-found');
    await waitForEntries(4); // connections.add, connections.connect, and these two
    const { entries, total } = await t.call('audit.list', {});
    expect(total).toBe(4);
    expect(entries.map((e) => e.action)).toEqual(['snapshots.revert', 'inventory.setTags', 'connections.connect', 'connections.add']);
    const [bad, good] = entries as [AuditEntry, AuditEntry];
    expect(good).toMatchObject({
      user,
      connectionId,
      connectionName: connName,
      ok: true,
      params: { connectionId, uuid: g.uuid, tags: ['audited'] },
      objects: [{ kind: 'vm', uuid: g.uuid, name: g.name }],
    });
    expect(good.error).toBeUndefined();
    expect(bad).toMatchObject({ user, ok: false, error: { code: 'not-found' } });
    expect(bad.error!.message).toMatch(/has no snapshot named "no-such-snapshot"/);
    expect(bad.objects).toEqual([
      { kind: 'vm', uuid: g.uuid, name: g.name },
      { kind: 'snapshot', name: 'no-such-snapshot' },
    ]);
    expect(good.at).toBeGreaterThanOrEqual(t0);
  });

  it('never keeps a secret', async () => {
    await t.fail('connections.connect', { id: 'no-such-id', secret: 'hunter2-secret' });
    await waitForEntries(5);
    const text = (await t.call('audit.export', { format: 'json' })).text;
    expect(text).not.toContain('hunter2-secret');
    expect(text).toContain('[redacted]');
  });

  it('filters by result, action, connection, text and time, and pages newest first', async () => {
    const q = async (f: Record<string, unknown>) => (await t.call('audit.list', f)).entries.map((e) => e.action);
    expect(await q({ result: 'error' })).toEqual(['connections.connect', 'snapshots.revert']);
    expect(await q({ action: 'inventory.setTags' })).toEqual(['inventory.setTags']);
    expect(await q({ action: 'connections.' })).toEqual(['connections.connect', 'connections.connect', 'connections.add']);
    expect(await q({ connectionId, result: 'ok' })).toEqual(['inventory.setTags', 'connections.connect', 'connections.add']);
    expect(await q({ text: `${g.name} AUDITED` })).toEqual(['inventory.setTags']);
    expect(await q({ text: 'no-such-snapshot' })).toEqual(['snapshots.revert']);
    expect(await q({ from: Date.now() + 60_000 })).toEqual([]);
    expect(await q({ to: t0 - 1 })).toEqual([]);
    const page = await t.call('audit.list', { offset: 1, limit: 2 });
    expect(page).toMatchObject({ total: 5, offset: 1 });
    expect(page.entries.map((e) => e.action)).toEqual(['snapshots.revert', 'inventory.setTags']);
  });

  it('survives a restart', async () => {
    const before = (await t.call('audit.list', {})).entries;
    await t.close();
    expect(readFileSync(join(cliDataDir, 'audit.jsonl'), 'utf8').trim().split('\n')).toHaveLength(5);
    t = await startTestBackend({ dataDir: cliDataDir });
    expect((await t.call('audit.list', {})).entries).toEqual(before);
  });

  it('exports CSV and JSON that parse back, in the app and from the CLI', async () => {
    const json = await t.call('audit.export', { format: 'json', result: 'ok' });
    const parsed = JSON.parse(json.text) as AuditEntry[];
    expect(json.count).toBe(3);
    expect(parsed.map((e) => e.action)).toEqual(['connections.add', 'connections.connect', 'inventory.setTags']); // oldest first

    const csv = await t.call('audit.export', { format: 'csv' });
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual([
      'time',
      'user',
      'connection',
      'connectionId',
      'action',
      'objects',
      'result',
      'errorCode',
      'error',
      'durationMs',
      'params',
    ]);
    expect(rows).toHaveLength(6);
    const tagRow = rows.find((r) => r[4] === 'inventory.setTags')!;
    expect(tagRow[1]).toBe(user);
    expect(tagRow[2]).toBe(`'${connName}`); // defused: a spreadsheet shows it as text
    expect(tagRow[5]).toBe(`vm ${g.name} (${g.uuid})`);
    expect(JSON.parse(tagRow[10]!)).toEqual({ connectionId, uuid: g.uuid, tags: ['audited'] });
    expect(new Date(tagRow[0]!).getTime()).toBeGreaterThanOrEqual(t0 - 1000);

    await t.close(); // the CLI reads what is on disk
    const cliCsv = await runCli(['audit', 'export', '--csv']);
    expect(cliCsv.code, cliCsv.stderr).toBe(0);
    expect(parseCsv(cliCsv.stdout)).toEqual(rows);
    const cliJson = await runCli(['audit', 'export', '--json']);
    expect((JSON.parse(cliJson.stdout) as AuditEntry[]).map((e) => e.id)).toEqual(
      (JSON.parse((await reopen()).text) as AuditEntry[]).map((e) => e.id),
    );
    const neither = await runCli(['audit', 'export']);
    expect(neither.code).toBe(2);
  });

  async function reopen() {
    t = await startTestBackend({ dataDir: cliDataDir });
    return t.call('audit.export', { format: 'json' });
  }
});
