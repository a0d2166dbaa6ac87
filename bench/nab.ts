/**
 * `npm run bench -- nab [--data DIR] [--labels DIR] [--thresholds FILE] [--scorer FILE] [--holdout]`
 *
 * Runs the streaming anomaly detector over every series of a NAB-format folder
 * (each file from a fresh detector, rows in order, one score per row, no
 * look-ahead, one parameter set), writes NAB result files to
 * bench-results/nab/results/<category>/<file>.csv, scores them with the
 * project's NAB scorer (../shared/data/nab/score.mjs) and prints the three
 * profiles. Without --thresholds the scorer picks each profile's best
 * threshold and they are written to bench-results/nab/thresholds.json; with
 * --thresholds FILE it scores at those instead (for a held-out set).
 * --holdout also splits the labelled series in two halves (alternating in
 * sorted order) and scores each half at its own best thresholds and at the
 * other half's. Last line: nab_standard=<..> nab_low_fp=<..> nab_low_fn=<..>
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCorpus, scoreRows, writeResults } from '../electron/backend/analytics/anomaly/corpus.js';
import { createDetector, scorePoint } from '../electron/backend/analytics/anomaly/detector.js';
import { measureFootprint } from '../electron/backend/analytics/anomaly/footprint.js';

interface ProfileResult {
  threshold: number | null;
  normalized: number;
  counts: { windowsDetected: number; windowsScorable: number; fpDetections: number };
  window: { precision: number | null; recall: number | null; f1: number | null };
}
interface ScorerOutput {
  files: number;
  rows: number;
  windows: number;
  profiles: Record<string, ProfileResult>;
}

const PROFILE_KEYS = [
  ['standard', 'nab_standard'],
  ['reward_low_FP_rate', 'nab_low_fp'],
  ['reward_low_FN_rate', 'nab_low_fn'],
] as const;

function readArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const next = argv[i + 1];
    if (a === '--holdout') out.holdout = true;
    else if (next === undefined) throw new Error(`${a} needs a value`);
    else {
      out[a.slice(2)] = next;
      i++;
    }
  }
  return out;
}

function runScorer(scorer: string, results: string, labels: string, data: string, thresholds?: string): ScorerOutput {
  const args = [scorer, '--results', results, '--labels', labels, '--data', data, '--json'];
  if (thresholds) args.push('--thresholds', thresholds);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`score.mjs failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as ScorerOutput;
}

const fmt = (v: number | null, d = 3): string => (v === null ? '-' : v.toFixed(d));

function printProfiles(title: string, out: ScorerOutput): void {
  console.log(title);
  console.log('  profile              threshold  score   windows hit  FP rows  precision  recall');
  for (const [name] of PROFILE_KEYS) {
    const p = out.profiles[name];
    if (!p) continue;
    console.log(
      `  ${name.padEnd(20)} ${fmt(p.threshold, 4).padStart(9)} ${p.normalized.toFixed(1).padStart(6)}` +
        `   ${`${p.counts.windowsDetected}/${p.counts.windowsScorable}`.padStart(9)} ${String(p.counts.fpDetections).padStart(8)}` +
        `  ${fmt(p.window.precision).padStart(9)}  ${fmt(p.window.recall).padStart(6)}`,
    );
  }
}

function thresholdsOf(out: ScorerOutput): Record<string, number> {
  const t: Record<string, number> = {};
  for (const [name] of PROFILE_KEYS) {
    const v = out.profiles[name]?.threshold;
    // "No detections" comes back as null: any score above 1 reproduces it.
    t[name] = v ?? 1.01;
  }
  return t;
}

/** Hold-out check: two halves of the labelled series, each at its own and at the other's thresholds. */
function checkHalves(scorer: string, results: string, labels: string, data: string, outDir: string): void {
  const windows = JSON.parse(readFileSync(path.join(labels, 'combined_windows.json'), 'utf8')) as Record<string, unknown>;
  const names = Object.keys(windows).sort();
  const halves = ['A', 'B'].map((h, parity) => {
    const dir = path.join(outDir, `half-${h}`);
    mkdirSync(dir, { recursive: true });
    const sub = Object.fromEntries(names.filter((_, i) => i % 2 === parity).map((n) => [n, windows[n]]));
    writeFileSync(path.join(dir, 'combined_windows.json'), JSON.stringify(sub, null, 4));
    const own = runScorer(scorer, results, dir, data);
    const thr = path.join(dir, 'thresholds.json');
    writeFileSync(thr, JSON.stringify(thresholdsOf(own), null, 2));
    return { h, dir, own, thr, files: Object.keys(sub).length };
  });
  for (const [i, half] of halves.entries()) {
    const other = halves[1 - i];
    if (!other) continue;
    printProfiles(`hold-out half ${half.h} (${half.files} series), thresholds chosen on half ${half.h}:`, half.own);
    printProfiles(`hold-out half ${half.h}, thresholds chosen on half ${other.h}:`, runScorer(scorer, results, half.dir, data, other.thr));
  }
}

/** Microseconds per point over a few timed passes (best pass, after a warm-up pass). */
function timeDetector(series: { rows: Parameters<typeof scoreRows>[0] }[]): number {
  let best = Infinity;
  let points = 0;
  for (let pass = 0; pass < 4; pass++) {
    const start = process.hrtime.bigint();
    points = 0;
    for (const s of series) {
      scoreRows(s.rows);
      points += s.rows.values.length;
    }
    const ns = Number(process.hrtime.bigint() - start);
    if (pass > 0) best = Math.min(best, ns);
  }
  return best / 1000 / points;
}

const root = process.cwd();
const args = readArgs(process.argv.slice(2));
// The real path: the scorer runs its main only when started by its own file name, not through a symlink.
const nabDir = existsSync(path.resolve(root, '../shared/data/nab'))
  ? realpathSync(path.resolve(root, '../shared/data/nab'))
  : path.resolve(root, '../shared/data/nab');
const data = path.resolve(root, typeof args.data === 'string' ? args.data : path.join(nabDir, 'data'));
const labels = path.resolve(root, typeof args.labels === 'string' ? args.labels : path.join(nabDir, 'labels'));
const scorer = path.resolve(root, typeof args.scorer === 'string' ? args.scorer : path.join(nabDir, 'score.mjs'));
const thresholds = typeof args.thresholds === 'string' ? path.resolve(root, args.thresholds) : undefined;
for (const p of [data, labels, scorer, ...(thresholds ? [thresholds] : [])]) {
  if (!existsSync(p)) throw new Error(`not found: ${p}`);
}

const outDir = path.join(root, 'bench-results', 'nab');
const resultsDir = path.join(outDir, 'results');
rmSync(resultsDir, { recursive: true, force: true });
const series = await runCorpus(data);
await writeResults(series, resultsDir);
const rows = series.reduce((n, s) => n + s.rows.values.length, 0);
console.log(`detector over ${series.length} series, ${rows} rows (each series fresh, causal, one score per row)`);
console.log(`data ${data}\nlabels ${labels}\nresults ${resultsDir}`);

const scored = runScorer(scorer, resultsDir, labels, data, thresholds);
printProfiles(`NAB scores (${thresholds ? `thresholds from ${thresholds}` : 'thresholds chosen by the scorer'}):`, scored);
if (!thresholds) {
  const file = path.join(outDir, 'thresholds.json');
  writeFileSync(file, JSON.stringify(thresholdsOf(scored), null, 2) + '\n');
  console.log(`thresholds written to ${file}`);
}
if (args.holdout) checkHalves(scorer, resultsDir, labels, data, outDir);

// Cost: the detector alone (no file I/O), and what it means for a large site.
const usPerPoint = timeDetector(series);
const pointsPerSecond = (2000 * 12) / 2;
const coreShare = (pointsPerSecond * usPerPoint) / 1e6;
const probe = createDetector();
for (let i = 0; i < 5000; i++) scorePoint(probe, i * 2000, Math.sin(i / 50));
console.log(`cost: ${usPerPoint.toFixed(2)} µs per point; state ${(measureFootprint(probe) / 1024).toFixed(1)} KiB per series (2 s step)`);
console.log(
  `projected: 2,000 machines x 12 series every 2 s = ${pointsPerSecond} points/s -> ${(coreShare * 100).toFixed(1)}% of one core, ` +
    `${((measureFootprint(probe) * 24000) / 2 ** 20).toFixed(0)} MiB of state`,
);
const p = (name: string): string => (scored.profiles[name]?.normalized ?? Number.NaN).toFixed(1);
console.log(PROFILE_KEYS.map(([name, key]) => `${key}=${p(name)}`).join(' '));
