/**
 * A newline in a connection name forged a log line. The contract refuses
 * control characters now (validation.test.ts); here the logger itself escapes
 * them, so even a string that never passed the contract (a record stored
 * before the fix, a libvirt error text) cannot start a line of its own.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStderrLogger, escapeLogText } from '../../../electron/backend/log.js';
import { makeTempDir, removeDir, startTestBackend } from '../helpers.js';

const FORGED = '2026-01-01T00:00:00.000Z novacron info user root logged in';
const ENTRY_START = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z novacron /;

/** What the stderr logger writes while fn runs. */
function captureStderr(fn: () => void): string {
  const original = process.stderr.write.bind(process.stderr);
  let out = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = original;
  }
  return out;
}

describe('log lines', () => {
  it('escapes C0, DEL, C1 and Unicode line separators', () => {
    expect(escapeLogText('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(escapeLogText('\u0000\u001b[31m\u007f\u0085\u009b')).toBe('\\x00\\x1b[31m\\x7f\\x85\\x9b');
    expect(escapeLogText('x\u2028y\u2029z')).toBe('x\\u2028y\\u2029z');
    expect(escapeLogText('plain text, ünïcödé, 日本')).toBe('plain text, ünïcödé, 日本');
  });

  it('writes every entry as one line, stack frames as indented continuations only', () => {
    const log = createStderrLogger();
    const out = captureStderr(() => {
      log.info(`name "x\n${FORGED}"`);
      log.warn(`w\r\n${FORGED}`, `a string\n${FORGED}`);
      log.error('failed', new Error(`libvirt says\n${FORGED}`));
    });
    const lines = out.replace(/\n$/, '').split('\n');
    for (const line of lines) expect(line, line).toMatch(new RegExp(`${ENTRY_START.source}|^ {4}at `));
    expect(lines.filter((l) => ENTRY_START.test(l))).toHaveLength(3);
    expect(out).toContain('\\n2026-01-01T00:00:00.000Z novacron info user root logged in');
    expect(lines.some((l) => l.startsWith('    at '))).toBe(true); // the stack is still there
  });

  it('a record stored before the fix, with a newline in its name, cannot forge a line when its auto-connect fails', async () => {
    const dataDir = await makeTempDir('novacron-loglines-');
    await writeFile(
      join(dataDir, 'db.json'),
      JSON.stringify({
        schemaVersion: 1,
        settings: {},
        connections: [
          { id: 'old', name: `old\n${FORGED}`, uri: 'qemu+tcp://127.0.0.1:1/system', autoConnect: true, hasStoredSecret: false },
        ],
      }),
    );
    const t = await startTestBackend({ dataDir, connectTimeoutMs: 5_000 });
    try {
      const deadline = Date.now() + 10_000;
      while (!t.logLines.some((l) => l.includes('auto-connect')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const line = t.logLines.find((l) => l.includes('auto-connect'));
      expect(line).toBeDefined();
      expect(line).toContain(`old\\n${FORGED}`);
      for (const entry of t.logLines) {
        for (const continuation of entry.split('\n').slice(1)) expect(continuation).toMatch(/^ {4}at /);
      }
    } finally {
      await t.close();
      await removeDir(dataDir);
    }
  });
});
