// The NAB benchmark as a CI check that the scorer accepts the detector's
// result files (format, one row per data row, timestamps). Not a score gate.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSeries, runCorpus, writeResults } from '../../electron/backend/analytics/anomaly/corpus.js';

// The real path: the scorer runs its main only when started by its own file name, not through a symlink.
const NAB_DIR = path.resolve('../shared/data/nab');
const present = existsSync(path.join(NAB_DIR, 'score.mjs'));
const NAB = present ? realpathSync(NAB_DIR) : NAB_DIR;

describe.skipIf(!present)('NAB scorer accepts the detector output', () => {
  it('scores all series without complaint', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'novacron-nab-'));
    try {
      const data = path.join(NAB, 'data');
      const results = await runCorpus(data);
      expect(results.map((r) => r.rel)).toEqual(await listSeries(data));
      await writeResults(results, dir);
      const first = results[0];
      if (!first) throw new Error('no series');
      const lines = readFileSync(path.join(dir, first.rel), 'utf8').trimEnd().split('\n');
      expect(lines[0]).toBe('timestamp,value,anomaly_score');
      expect(lines).toHaveLength(first.rows.values.length + 1);
      const r = spawnSync(
        process.execPath,
        [path.join(NAB, 'score.mjs'), '--results', dir, '--labels', path.join(NAB, 'labels'), '--data', data, '--json'],
        { encoding: 'utf8', maxBuffer: 64 << 20 },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { files: number; profiles: Record<string, { normalized: number }> };
      expect(out.files).toBe(results.length);
      for (const name of ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate']) {
        expect(Number.isFinite(out.profiles[name]?.normalized)).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
