/** The audit log file: bounded to the newest 50,000 entries, and a line torn by a crash costs only itself. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/contract/audit.js';
import { MAX_ENTRIES } from '../../electron/backend/audit/log-file.js';
import { makeTempDir, removeDir, startTestBackend } from '../backend/helpers.js';

const entry = (i: number): AuditEntry => ({
  id: `old-${i}`,
  at: 1_700_000_000_000 + i,
  user: 'someone',
  objects: [],
  action: 'vms.act',
  params: { i },
  ok: true,
  durationMs: 1,
});

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});

async function recordOneAction(dir: string): Promise<string[]> {
  const t = await startTestBackend({ dataDir: dir, autoConnect: false });
  await t.call('connections.add', { name: 'x', uri: 'test:///default' });
  await t.close(); // flushes
  return readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n');
}

describe('audit.jsonl', () => {
  it('keeps the newest 50,000 entries once the file has grown past its margin', async () => {
    const dir = await makeTempDir('novacron-audit-');
    dirs.push(dir);
    const lines = Array.from({ length: MAX_ENTRIES + 5_000 }, (_, i) => JSON.stringify(entry(i)));
    writeFileSync(join(dir, 'audit.jsonl'), `${lines.join('\n')}\n`);
    const after = await recordOneAction(dir);
    expect(after).toHaveLength(MAX_ENTRIES);
    expect((JSON.parse(after[0]!) as AuditEntry).id).toBe(`old-${5_001}`);
    expect((JSON.parse(after.at(-1)!) as AuditEntry).action).toBe('connections.add');
  }, 60_000);

  it('skips a torn last line and starts the next entry on a line of its own', async () => {
    const dir = await makeTempDir('novacron-audit-');
    dirs.push(dir);
    writeFileSync(join(dir, 'audit.jsonl'), `${JSON.stringify(entry(1))}\n{"id":"torn","at":17`);
    const after = await recordOneAction(dir);
    expect(after).toHaveLength(3);
    const t = await startTestBackend({ dataDir: dir, autoConnect: false });
    try {
      const { entries } = await t.call('audit.list', {});
      expect(entries.map((e) => e.action)).toEqual(['connections.add', 'vms.act']);
      expect(t.logLines.some((l) => /1 unreadable line/.test(l))).toBe(true);
    } finally {
      await t.close();
    }
  });
});
