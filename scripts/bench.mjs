// `npm run bench -- NAME [ARGS]`: bundles bench/<name>.ts with esbuild and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const name = process.argv[2];
const known = ['stats', 'list', 'nab', 'history', 'monitor', 'forecast', 'console', 'ui', 'upload', 'migrate'];
if (!known.includes(name)) {
  console.error(`usage: npm run bench -- ${known.join('|')}`);
  process.exit(2);
}
await import('./build-node.mjs'); // the list benchmark runs the built CLI
if (!existsSync('dist/node/cli.mjs')) throw new Error('dist/node/cli.mjs was not built');
const outfile = `dist/bench/${name}.mjs`;
await build({
  entryPoints: [`bench/${name}.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
// What follows the bench's name is its own arguments (e.g. `npm run bench -- nab --thresholds F`).
const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
