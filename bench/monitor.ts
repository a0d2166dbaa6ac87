/**
 * `npm run bench -- monitor`: the backend monitoring the lab's 1,000-domain
 * test host plus its real QEMU guests at the default 2 s interval for 60 s,
 * as a user would run it (the whole backend: collector, history store, live
 * sweep events). Measured: the backend process's CPU seconds over the minute,
 * its peak RSS, the sweep durations, and bytes per point: every value the run
 * measured, encoded with the history store's chunk codec at full resolution
 * (the files on disk after one minute are mostly fixed per-series headers, so
 * they are reported beside it, not as the figure). Last line:
 *   cpu_s=<…> peak_rss_mb=<…> sweep_p50_ms=<…> sweep_p95_ms=<…> bytes_per_point=<…>
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend/api.js';
import { noSecretStore } from '../electron/backend/credentials/secret-store.js';
import { createMemoryLogger } from '../electron/backend/log.js';
import { encodeChunk, type SeriesBlock } from '../electron/backend/monitoring/history/chunk.js';
import { parseFileImage } from '../electron/backend/monitoring/history/file-image.js';
import { metricPrecision } from '../electron/backend/monitoring/precision.js';
import { RECORD_CHUNK, scanRecords } from '../electron/backend/monitoring/history/records.js';
import { metricsDir } from '../electron/backend/monitoring/paths.js';
import { readLab } from './lab.js';

const fmt = (x: number) => x.toFixed(2);

/**
 * The store's files after the run: bytes of the chunk records (what each point costs) apart
 * from the header and dictionary records (a fixed cost per series per period file, which a
 * one-minute run cannot amortise the way a day's file does).
 */
function measureFiles(dir: string): { chunkBytes: number; fixedBytes: number; points: number } {
  let chunkBytes = 0;
  let total = 0;
  let points = 0;
  for (const tier of ['1m', '15m']) {
    let files: string[] = [];
    try {
      files = readdirSync(join(dir, tier)).filter((f) => f.endsWith('.nch'));
    } catch {
      continue;
    }
    for (const f of files) {
      const buf = readFileSync(join(dir, tier, f));
      total += buf.length;
      for (const r of scanRecords(buf).records) if (r.type === RECORD_CHUNK) chunkBytes += r.end - r.start;
      points += parseFileImage(buf).points;
    }
  }
  return { chunkBytes, fixedBytes: total - chunkBytes, points };
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const lab = readLab();
const dataDir = mkdtempSync(join(tmpdir(), 'novacron-bench-monitor-'));
const backend = await createBackend({
  dataDir,
  secretStore: noSecretStore,
  shell: 'headless',
  log: createMemoryLogger(),
  validateOutputs: false,
  autoConnect: false,
});
const call = async (method: string, input: unknown) => {
  const r = await backend.invoke(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as { id: string };
};

const sweeps: { host: string; ms: number; vms: number }[] = [];
/** Every value the run measured, per series, at full resolution: what the store's codec is judged on. */
const measured = new Map<string, { t: number[]; v: number[] }>();
let recording = false;
function record(key: string, t: number, v: number): void {
  let s = measured.get(key);
  if (!s) measured.set(key, (s = { t: [], v: [] }));
  s.t.push(t);
  s.v.push(v);
}
backend.onEvent((name, payload) => {
  if (name !== 'metrics.sweep') return;
  const p = payload as {
    host: { connectionId: string; sweepMs: number; t: number; values: Record<string, number> };
    vms: { uuid: string; values: Record<string, number> }[];
  };
  sweeps.push({ host: p.host.connectionId, ms: p.host.sweepMs, vms: p.vms.length });
  if (!recording) return;
  for (const [k, v] of Object.entries(p.host.values)) record(`${p.host.connectionId}/host/${k}`, p.host.t, v);
  for (const vm of p.vms) for (const [k, v] of Object.entries(vm.values)) record(`${p.host.connectionId}/vm/${vm.uuid}/${k}`, p.host.t, v);
});

/** The run's samples through the store's chunk codec at the sweep interval (one block per series). */
function encodeMeasured(intervalMs: number): { bytes: number; points: number } {
  const blocks: SeriesBlock[] = [];
  let id = 0;
  let points = 0;
  let base = Infinity;
  for (const s of measured.values()) base = Math.min(base, s.t[0] ?? Infinity);
  for (const [key, s] of measured) {
    // One point per sweep slot; the timestamps are the sweeps' own, so the time column is real too.
    const t = s.t.map((x) => base + Math.round((x - base) / intervalMs) * intervalMs);
    blocks.push({ id: id++, precision: metricPrecision(key), points: { t, min: s.v, avg: s.v, max: s.v, count: s.v.map(() => 1) } });
    points += s.v.length;
  }
  return { bytes: encodeChunk(blocks, { baseMs: base, stepMs: intervalMs }).length, points };
}

const hosts = [
  { name: 'lab', uri: lab.system },
  { name: 'testhost', uri: lab.testHost },
];
for (const h of hosts) {
  const c = await call('connections.add', { name: h.name, uri: h.uri });
  await call('connections.connect', { id: c.id });
}
// Let both hosts finish their first sweeps (identity, capabilities) before measuring.
await new Promise((r) => setTimeout(r, 3000));
sweeps.length = 0;
recording = true;

let peakRss = process.memoryUsage().rss;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, SECONDS * 1000));
const cpu = process.cpuUsage(cpu0);
const wall = (performance.now() - t0) / 1000;
clearInterval(rssTimer);
await backend.close();

// The store as the next start finds it, read from disk.
const files = measureFiles(metricsDir(dataDir));
rmSync(dataDir, { recursive: true, force: true });

const cpuS = (cpu.user + cpu.system) / 1e6;
const ms = sweeps.map((s) => s.ms);
const perHost = new Map<string, number>();
for (const s of sweeps) perHost.set(s.host, (perHost.get(s.host) ?? 0) + 1);
const encoded = encodeMeasured(2000);
const bytesPerPoint = encoded.points > 0 ? encoded.bytes / encoded.points : NaN;

console.log(
  `monitored ${hosts.length} hosts (${lab.testHostDomains} test domains + the real guests) for ${fmt(wall)} s: ${sweeps.length} sweeps (${[...perHost.values()].join(' + ')})`,
);
console.log(`backend CPU: ${fmt(cpuS)} s (${fmt((cpuS / wall) * 100)}% of one core); peak RSS ${fmt(peakRss / 2 ** 20)} MB`);
console.log(`sweep time: p50 ${fmt(percentile(ms, 50))} ms, p95 ${fmt(percentile(ms, 95))} ms, max ${fmt(Math.max(...ms))} ms`);
console.log(
  `the run's ${encoded.points} measured values in ${measured.size} series through the store's chunk codec: ${encoded.bytes} bytes`,
);
console.log(
  `history on disk after one minute: ${files.points} roll-up points in ${files.chunkBytes} chunk bytes, plus ${files.fixedBytes} bytes of headers and series dictionaries (once per series per period file)`,
);
console.log(
  `cpu_s=${fmt(cpuS)} peak_rss_mb=${fmt(peakRss / 2 ** 20)} sweep_p50_ms=${fmt(percentile(ms, 50))} sweep_p95_ms=${fmt(percentile(ms, 95))} bytes_per_point=${fmt(bytesPerPoint)}`,
);
