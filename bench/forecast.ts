/**
 * `npm run bench -- forecast [--data DIR] [--lab DIR]`
 *
 * Holds out the last 20% of the rows of each NAB real series
 * (realKnownCause, realAWSCloudwatch), fits the forecaster on the first 80%
 * only, forecasts the holdout and scores it against two baselines:
 *  - seasonal naive: the last training week (or day, when the training part
 *    is shorter than two weeks; plain naive below two days) repeated;
 *  - linear trend, as Prometheus's predict_linear: least squares over a
 *    trailing window of the training part as long as the horizon, extrapolated.
 * MASE = holdout MAE / in-sample MAE of the one-step seasonal-naive forecast
 * (same period as the baseline; Hyndman & Koehler 2006). Per series the
 * ratio MASE_ours / MASE_baseline; overall and per category, the geometric
 * mean of the ratios over series. coverage80 = share of holdout rows inside
 * the 80% interval, averaged over series (each series counts once).
 * Also a long lab recording (test/analytics/data/lab-recording/*.csv, or --lab
 * DIR): real series of the lab's host and guest taken by NovaCron's own
 * collector at 2 s (host CPU, host memory, a guest's CPU and network). Only
 * training rows reach the forecaster.
 * Last line: mase_vs_snaive=<ratio> mase_vs_linear=<ratio> coverage80=<fraction>
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSeriesCsv } from '../electron/backend/analytics/anomaly/series-csv.js';
import { evaluateHoldout, type HoldoutResult } from '../electron/backend/analytics/forecast/evaluate.js';
import { geometricMean } from '../electron/backend/analytics/forecast/metrics.js';

const CATEGORIES = ['realKnownCause', 'realAWSCloudwatch'];

function readArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const a = argv[i] ?? '';
    const v = argv[i + 1];
    if (!a.startsWith('--') || v === undefined) throw new Error(`usage: bench forecast [--data DIR] [--lab DIR] (got ${a})`);
    out[a.slice(2)] = v;
  }
  return out;
}

interface Row {
  category: string;
  name: string;
  rows: number;
  ms: number;
  r: HoldoutResult;
}

const describeModel = (r: HoldoutResult): string => {
  const s = r.forecast.model.spec;
  const trend = { none: 'N', damped: 'Ad', linear: 'A' }[s.trend];
  return `ETS(A,${trend},${s.period > 1 ? `A${s.period}` : 'N'})${s.robust ? ' robust' : ''}${s.aim ? ' far' : ''}`;
};

const summarise = (rows: Row[]) => ({
  snaive: geometricMean(rows.map((x) => x.r.ratio.snaive)),
  linear: geometricMean(rows.map((x) => x.r.ratio.linear)),
  coverage: rows.reduce((s, x) => s + x.r.coverage, 0) / rows.length,
});

const args = readArgs(process.argv.slice(2));
const dataDir = path.resolve(args.data ?? path.join(process.cwd(), '../shared/data/nab/data'));
const results: Row[] = [];
for (const category of CATEGORIES) {
  for (const file of readdirSync(path.join(dataDir, category))
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const rows = parseSeriesCsv(readFileSync(path.join(dataDir, category, file), 'utf8'), file);
    const start = performance.now();
    const r = evaluateHoldout(rows.times, rows.values, 0.2);
    results.push({ category, name: file.replace(/\.csv$/, ''), rows: rows.values.length, ms: performance.now() - start, r });
  }
}

const labDir = path.resolve(args.lab ?? path.join(process.cwd(), 'test/analytics/data/lab-recording'));
const labFiles = (() => {
  try {
    return readdirSync(labDir)
      .filter((f) => f.endsWith('.csv'))
      .sort();
  } catch {
    return [];
  }
})();
for (const file of labFiles) {
  const rows = parseSeriesCsv(readFileSync(path.join(labDir, file), 'utf8'), file);
  const start = performance.now();
  const r = evaluateHoldout(rows.times, rows.values, 0.2);
  results.push({ category: 'labRecording', name: file.replace(/\.csv$/, ''), rows: rows.values.length, ms: performance.now() - start, r });
}

console.log(
  `forecast holdout: last 20% of rows of ${results.length} series: NAB real series (${dataDir}) and the lab recording (${labDir})`,
);
console.log('MASE = holdout MAE / in-sample MAE of the one-step seasonal-naive forecast (period m as below)');
console.log('ratios = MASE_ours / MASE_baseline per series, geometric mean over series; coverage80 = mean over series');
console.log('');
console.log(
  'series'.padEnd(44) + 'rows  horizon    m  model                    MASE ours  snaive  linear   /snaive  /linear  cover80   ms',
);
for (const x of results) {
  const r = x.r;
  console.log(
    `${`${x.category}/${x.name}`.slice(0, 43).padEnd(44)}${String(x.rows).padStart(4)} ${String(r.horizon).padStart(8)} ${String(r.naivePeriod).padStart(4)}  ` +
      `${describeModel(r).padEnd(24)} ${r.mase.ours.toFixed(3).padStart(9)} ${r.mase.snaive.toFixed(3).padStart(7)} ${r.mase.linear.toFixed(3).padStart(7)}` +
      `  ${r.ratio.snaive.toFixed(3).padStart(8)} ${r.ratio.linear.toFixed(3).padStart(8)} ${r.coverage.toFixed(3).padStart(8)} ${x.ms.toFixed(0).padStart(5)}`,
  );
}
console.log('');
for (const category of [...CATEGORIES, ...(labFiles.length > 0 ? ['labRecording'] : [])]) {
  const s = summarise(results.filter((x) => x.category === category));
  console.log(
    `${category.padEnd(20)} ${String(results.filter((x) => x.category === category).length).padStart(2)} series  vs snaive ${s.snaive.toFixed(3)}  vs linear ${s.linear.toFixed(3)}  coverage80 ${s.coverage.toFixed(3)}`,
  );
}
const all = summarise(results);
const ms = results.reduce((s, x) => s + x.ms, 0);
console.log(`fit + forecast: ${(ms / results.length).toFixed(0)} ms per series on average`);
if (labFiles.length === 0) console.log(`lab recording: none found in ${labDir}`);
console.log(`mase_vs_snaive=${all.snaive.toFixed(3)} mase_vs_linear=${all.linear.toFixed(3)} coverage80=${all.coverage.toFixed(3)}`);
