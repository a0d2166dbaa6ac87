/**
 * Child process of crash.test.ts: appends one minute of 200 series per loop through the
 * history store, flushes, and reports on stdout which minute is now on disk, until killed.
 * Usage: node crash-child.mjs <dir> <start ms>
 */
import { openHistoryStore } from '../../../electron/backend/monitoring/history/index.js';

const [dir, startArg] = process.argv.slice(2);
const start = Number(startArg);
const keys = Array.from({ length: 200 }, (_, i) => `host/crash/vm/${i}/cpu_pct`);
const store = await openHistoryStore({ dir: dir!, rawIntervalMs: 60_000 });
for (let i = 0; ; i++) {
  const t = start + i * 60_000;
  store.append(keys.map((key) => ({ key, t, v: i })));
  await store.flush();
  // Sample i closed minute i - 1, which the flush has just written.
  if (i > 0) process.stdout.write(`flushed ${i - 1}\n`);
  await new Promise((r) => setImmediate(r));
}
