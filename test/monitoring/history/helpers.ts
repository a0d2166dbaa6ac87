/** Temp directories and small sample builders for the history store tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Sample } from '../../../electron/backend/monitoring/history/index.js';

export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** A UTC midnight, so periods are easy to reason about. */
export const T0 = Date.UTC(2026, 11, 1);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh directory, removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'novacron-history-'));
  dirs.push(d);
  return d;
}

export function samples(key: string, points: [number, number][]): Sample[] {
  return points.map(([t, v]) => ({ key, t, v }));
}

/** A clock the test moves by hand. */
export function manualClock(start: number): { now: () => number; set(t: number): void } {
  let t = start;
  return { now: () => t, set: (x) => (t = x) };
}
