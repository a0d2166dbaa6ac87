/** A real kill -9 of a process writing through the store: it reopens and loses at most the unflushed tail. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../../electron/backend/monitoring/history/index.js';
import { DAY, MINUTE, tempDir } from './helpers.js';

function runUntilKilled(script: string, dir: string, start: number, minutes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir, String(start)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = -1;
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      const lines = text.split('\n');
      text = lines.pop()!;
      for (const l of lines) last = Number(l.split(' ')[1]);
      if (last >= minutes && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`child exited: ${signal ?? _code}`))));
  });
}

describe('history crash safety', () => {
  it('survives a kill -9 in the middle of a writing loop', async () => {
    const dir = tempDir();
    const script = join(tempDir(), 'crash-child.mjs');
    buildSync({
      entryPoints: [join(import.meta.dirname, 'crash-child.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
    // Start so the run crosses a UTC midnight: the day file behind it is compacted meanwhile.
    const start = Math.floor(Date.now() / DAY) * DAY - 100 * MINUTE;
    const lastFlushed = await runUntilKilled(script, dir, start, 150);
    expect(lastFlushed).toBeGreaterThanOrEqual(150);

    const store = await openHistoryStore({ dir });
    for (const key of ['host/crash/vm/0/cpu_pct', 'host/crash/vm/199/cpu_pct']) {
      const r = await store.query(key, start, start + DAY, MINUTE);
      // Every flushed minute is there, in order, each once; at most the minute being written when killed is extra.
      expect(r.avg.slice(0, lastFlushed + 1)).toEqual(Array.from({ length: lastFlushed + 1 }, (_, i) => i));
      expect(r.avg.length - (lastFlushed + 1)).toBeLessThanOrEqual(1);
      expect(r.t[0]).toBe(start);
    }
    // And it keeps working: appends after the crash are read back.
    store.append([{ key: 'host/crash/vm/0/cpu_pct', t: start + 1000 * MINUTE, v: 7 }]);
    await store.close();
    const again = await openHistoryStore({ dir });
    const tail = await again.query('host/crash/vm/0/cpu_pct', start + 999 * MINUTE, start + 1001 * MINUTE, MINUTE);
    expect(tail.avg).toEqual([7]);
    await again.close();
  });
});
