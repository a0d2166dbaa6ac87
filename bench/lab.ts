/** Benchmarks take every URI from the lab's JSON line (NOVACRON_LAB_JSON or `lab.sh status`). */
import { execFileSync } from 'node:child_process';

export interface LabInfo {
  system: string;
  testHost: string;
  testHostDomains: number;
  runningGuest: string;
}

export function readLab(): LabInfo {
  const raw =
    process.env.NOVACRON_LAB_JSON || execFileSync('bash', ['e2e/lab/lab.sh', 'status'], { encoding: 'utf8' }).trim().split('\n').pop();
  if (!raw) throw new Error('the lab is not up: run `npm run lab -- up`');
  return JSON.parse(raw) as LabInfo;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}
