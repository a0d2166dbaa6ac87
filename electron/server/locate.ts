/**
 * Finding the app's own files from wherever the code runs: the bundle in
 * dist/node/, or the TypeScript source under electron/ (tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder at or above `from` holding package.json: the app root. */
export function appRoot(from: string): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(from);
    dir = up;
  }
}

/** NOVACRON_RENDERER_DIR, else <app root>/dist/renderer. */
export function rendererDir(from: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.NOVACRON_RENDERER_DIR ? resolve(env.NOVACRON_RENDERER_DIR) : join(appRoot(from), 'dist', 'renderer');
}

export function appVersion(from: string): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(appRoot(from), 'package.json'), 'utf8'));
    const v = typeof pkg === 'object' && pkg !== null ? (pkg as { version?: unknown }).version : undefined;
    return typeof v === 'string' ? v : 'dev';
  } catch {
    return 'dev';
  }
}
