/**
 * `npm run bench -- list`: `novacron vm list` against `virsh list --all` as whole
 * processes on the 1,000-domain test host (start-up, connect, open, list, print).
 * Runs are interleaved; last line: ratio=<ours/virsh> of the medians.
 */
import { execFileSync } from 'node:child_process';
import { fmt, median, readLab } from './lab.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function time(cmd: string, args: string[]): number {
  const t = performance.now();
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - t;
}

const lab = readLab();
const ours = ['dist/node/cli.mjs', '--connect', lab.testHost, 'vm', 'list'];
const virsh = ['-c', lab.testHost, 'list', '--all'];
time(process.execPath, ours); // warm the page cache for both
time('virsh', virsh);
const o: number[] = [];
const v: number[] = [];
for (let i = 0; i < RUNS; i++) {
  o.push(time(process.execPath, ours));
  v.push(time('virsh', virsh));
}
console.log(`whole-process list of ${lab.testHostDomains} domains, ${RUNS} interleaved runs, median`);
console.log(`novacron vm list: ${fmt(median(o))} (min ${fmt(Math.min(...o))})`);
console.log(`virsh list --all: ${fmt(median(v))} (min ${fmt(Math.min(...v))})`);
console.log(`ratio=${(median(o) / median(v)).toFixed(2)}`);
