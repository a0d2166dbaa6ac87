import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnomalyWorker, locateWorkerScript, SeriesScorer, WORKER_FILE } from '../../electron/backend/analytics/anomaly/index.js';
import { buildAnomalyWorker } from './build-worker.js';
import { makeSeasonal, PER_DAY } from './synthetic.js';

// The worker as the backend bundle ships it (build-worker.ts).
let dir = '';
let workerUrl: URL;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'novacron-anomaly-'));
  workerUrl = await buildAnomalyWorker(dir);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('anomaly worker thread', () => {
  it('returns the same scores as the in-process detector', async () => {
    const a = makeSeasonal(3, 21, (i, base) => (i === 2 * PER_DAY ? base + 20 : base));
    const b = makeSeasonal(3, 22);
    const points = a.times.flatMap((t, i) => [
      { seriesId: 'vm1/cpu', t, value: a.values[i] ?? 0 },
      { seriesId: 'vm2/cpu', t, value: b.values[i] ?? 0 },
    ]);
    const expected = new SeriesScorer().scoreBatch(points);
    const worker = new AnomalyWorker({ workerUrl });
    try {
      // Several batches in flight at once, as a collector would send them.
      const batches = [];
      for (let i = 0; i < points.length; i += 500) batches.push(worker.score(points.slice(i, i + 500)));
      const got = (await Promise.all(batches)).flat();
      expect(got).toEqual(expected);
      expect(got.some((p) => p.anomalous)).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('forgets a series so it starts fresh', async () => {
    const s = makeSeasonal(1, 23);
    const pts = s.times.slice(0, 50).map((t, i) => ({ seriesId: 'x', t, value: s.values[i] ?? 0 }));
    const worker = new AnomalyWorker({ workerUrl });
    try {
      const first = await worker.score(pts);
      worker.forget(['x']);
      expect(await worker.score(pts)).toEqual(first);
    } finally {
      await worker.close();
    }
  });

  it('rejects after close', async () => {
    const worker = new AnomalyWorker({ workerUrl });
    await worker.close();
    await expect(worker.score([{ seriesId: 'x', t: 0, value: 1 }])).rejects.toThrow(/closed/);
  });

  it('finds the bundled worker next to the bundle or its chunk folder', () => {
    const chunks = path.join(dir, 'chunks');
    mkdirSync(chunks, { recursive: true });
    writeFileSync(path.join(dir, 'main.mjs'), '');
    expect(locateWorkerScript(pathToFileURL(path.join(dir, 'main.mjs')).href).href).toBe(workerUrl.href);
    expect(locateWorkerScript(pathToFileURL(path.join(chunks, 'x.mjs')).href).href).toBe(workerUrl.href);
    expect(() => locateWorkerScript(pathToFileURL(path.join(tmpdir(), 'nowhere', 'deep', 'a.mjs')).href)).toThrow(WORKER_FILE);
  });
});
