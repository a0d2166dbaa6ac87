// Builds the Node side (CLI, headless console, Electron main and preload) with esbuild.
// Dependencies stay external: they are loaded from node_modules at run time.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  { in: 'electron/cli.ts', out: 'cli', format: 'esm' },
  { in: 'electron/headless.ts', out: 'headless', format: 'esm' },
  { in: 'electron/main.ts', out: 'main', format: 'esm' },
  // A sandboxed preload cannot be an ES module.
  { in: 'electron/preload.ts', out: 'preload', format: 'cjs' },
];

const missing = entries.filter((e) => !existsSync(e.in));
for (const e of missing) console.warn(`build-node: ${e.in} does not exist yet, skipped`);

await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) =>
      build({
        entryPoints: [e.in],
        outfile: `dist/node/${e.out}.${e.format === 'cjs' ? 'cjs' : 'mjs'}`,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: e.format,
        packages: 'external',
        external: ['electron'],
        sourcemap: true,
        logLevel: 'warning',
      }),
    ),
);
