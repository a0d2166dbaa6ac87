/**
 * The two secrets of the Prometheus feature. The remote-write bearer token
 * (the user's) goes to the secret store when there is one and otherwise
 * lives in memory only. The scrape token (NovaCron's own) is random; it
 * survives restarts only where the secret store can keep it, else a new one
 * is drawn at each start and shown in the status.
 */
import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../../credentials/secret-store.js';
import type { Logger } from '../../log.js';

// Connection ids never contain a dot, so these cannot collide with a connection's secret.
const REMOTE_WRITE_ID = 'prometheus.remote-write-token';
const SCRAPE_ID = 'prometheus.scrape-token';

export const newScrapeToken = (): string => randomBytes(32).toString('base64url');

export interface PrometheusTokens {
  remoteWrite: string | null;
  scrape: string;
  readonly persisted: boolean;
  setRemoteWrite(token: string | null): Promise<void>;
  regenerateScrape(): Promise<void>;
}

export async function loadTokens(secrets: SecretStore, log: Logger): Promise<PrometheusTokens> {
  const persisted = secrets.available;
  const load = (id: string) =>
    persisted
      ? secrets.load(id).catch((e: unknown) => {
          log.warn(`the Prometheus secret ${id} could not be read`, e);
          return null;
        })
      : Promise.resolve(null);
  const save = async (id: string, value: string | null) => {
    if (!persisted) return;
    if (value === null) await secrets.remove(id);
    else await secrets.save(id, value);
  };
  const tokens: PrometheusTokens = {
    remoteWrite: await load(REMOTE_WRITE_ID),
    scrape: (await load(SCRAPE_ID)) ?? newScrapeToken(),
    persisted,
    async setRemoteWrite(token) {
      await save(REMOTE_WRITE_ID, token);
      tokens.remoteWrite = token;
    },
    async regenerateScrape() {
      const token = newScrapeToken();
      await save(SCRAPE_ID, token);
      tokens.scrape = token;
    },
  };
  if (persisted) await save(SCRAPE_ID, tokens.scrape).catch((e: unknown) => log.warn('the Prometheus scrape token could not be stored', e));
  return tokens;
}
