/**
 * The headless console: the same backend and renderer as the desktop app,
 * served over HTTP + WebSocket on 127.0.0.1 and guarded by a random token.
 * stdout carries exactly one line, `NOVACRON_URL=<url>`; logs go to stderr.
 *
 *   NOVACRON_PORT=8090 NOVACRON_DATA_DIR=/tmp/nc node dist/node/headless.mjs
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from './backend/api.js';
import { noSecretStore } from './backend/credentials/secret-store.js';
import { createStderrLogger } from './backend/log.js';
import { defaultDataDir } from './backend/paths.js';
import { appVersion, rendererDir } from './server/locate.js';
import { startHeadlessServer } from './server/server.js';

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`NOVACRON_PORT must be a port number (0-65535), not "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const log = createStderrLogger('novacron-headless');
  const here = dirname(fileURLToPath(import.meta.url));
  const port = parsePort(process.env.NOVACRON_PORT);
  const dataDir = defaultDataDir();
  // No OS keychain here: secrets live in memory for the life of a connection only.
  const backend = await createBackend({ dataDir, secretStore: noSecretStore, shell: 'headless', version: appVersion(here), log });
  const server = await startHeadlessServer({ backend, rendererDir: rendererDir(here), port, log });
  log.info(`data dir ${dataDir}; listening on 127.0.0.1:${server.port}`);
  process.stdout.write(`NOVACRON_URL=${server.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    // A hung libvirt close must not keep the process alive forever.
    setTimeout(() => process.exit(1), 5000).unref();
    Promise.all([server.close(), backend.close()]).then(
      () => process.exit(0),
      (e: unknown) => {
        log.error('shutdown failed', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`novacron-headless: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
