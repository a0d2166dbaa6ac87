// Builds the Node side (CLI, headless console, Electron main and preload) with esbuild.
// Dependencies stay external: they are loaded from node_modules at run time.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

const entries = [
  { in: 'electron/cli.ts', out: 'cli', format: 'esm' },
  { in: 'electron/headless.ts', out: 'headless', format: 'esm' },
  { in: 'electron/main.ts', out: 'main', format: 'esm' },
  // The anomaly detector's worker thread, loaded by its host with new Worker(<this file>).
  { in: 'electron/backend/analytics/anomaly/worker.ts', out: 'anomaly-worker', format: 'esm' },
  // A sandboxed preload cannot be an ES module.
  { in: 'electron/preload.ts', out: 'preload', format: 'cjs' },
];

const missing = entries.filter((e) => !existsSync(e.in));
for (const e of missing) console.warn(`build-node: ${e.in} does not exist yet, skipped`);

// Chunk names carry content hashes: clear the old ones.
rmSync('dist/node/chunks', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
};
const present = entries.filter((e) => existsSync(e.in));
const esm = present.filter((e) => e.format === 'esm');
await Promise.all([
  // One build with code splitting, so a dynamic import (the SSH transport and
  // ssh2 behind it) stays a separate chunk that loads only when used.
  build({
    ...common,
    entryPoints: Object.fromEntries(esm.map((e) => [e.out, e.in])),
    outdir: 'dist/node',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
  }),
  ...present
    .filter((e) => e.format === 'cjs')
    .map((e) => build({ ...common, entryPoints: [e.in], outfile: `dist/node/${e.out}.cjs`, format: 'cjs' })),
]);
