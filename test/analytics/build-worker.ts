/**
 * The anomaly worker as the backend bundle ships it: worker.ts bundled on its own by
 * esbuild with the options of scripts/build-node.mjs, written into `dir`.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WORKER_FILE } from '../../electron/backend/analytics/anomaly/index.js';

/** Bundles the worker into dir; its file URL. */
export async function buildAnomalyWorker(dir: string): Promise<URL> {
  const outfile = join(dir, WORKER_FILE);
  await build({
    entryPoints: ['electron/backend/analytics/anomaly/worker.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return pathToFileURL(outfile);
}
