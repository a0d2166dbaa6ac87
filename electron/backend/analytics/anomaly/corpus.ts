/**
 * Runs the detector over a folder of NAB-format series: every file on its own
 * from a fresh detector, points in row order, one score per row.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDetector, scorePoint } from './detector.js';
import type { DetectorParams } from './params.js';
import { formatResultCsv, parseSeriesCsv, type SeriesRows } from './series-csv.js';

export interface SeriesResult {
  /** Path relative to the data folder, e.g. `realKnownCause/nyc_taxi.csv`. */
  readonly rel: string;
  readonly rows: SeriesRows;
  readonly scores: Float64Array;
  /** Time spent scoring, in ms (excludes reading the file). */
  readonly elapsedMs: number;
}

/** Relative paths of the CSV files one folder level below `dataDir`, sorted. */
export async function listSeries(dataDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const cat of (await readdir(dataDir, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    for (const f of await readdir(path.join(dataDir, cat.name))) {
      if (f.endsWith('.csv')) out.push(`${cat.name}/${f}`);
    }
  }
  return out.sort();
}

export function scoreRows(rows: SeriesRows, params: Partial<DetectorParams> = {}): Float64Array {
  const d = createDetector(params);
  const scores = new Float64Array(rows.values.length);
  for (let i = 0; i < scores.length; i++) scores[i] = scorePoint(d, rows.times[i] ?? 0, rows.values[i] ?? 0);
  return scores;
}

export async function runCorpus(dataDir: string, params: Partial<DetectorParams> = {}, only?: readonly string[]): Promise<SeriesResult[]> {
  const results: SeriesResult[] = [];
  for (const rel of only ?? (await listSeries(dataDir))) {
    const rows = parseSeriesCsv(await readFile(path.join(dataDir, rel), 'utf8'), rel);
    const start = performance.now();
    const scores = scoreRows(rows, params);
    results.push({ rel, rows, scores, elapsedMs: performance.now() - start });
  }
  return results;
}

export async function writeResults(results: readonly SeriesResult[], outDir: string): Promise<void> {
  for (const r of results) {
    const file = path.join(outDir, r.rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, formatResultCsv(r.rows, r.scores));
  }
}
