/**
 * The feature's settings: kept in the store's `settings.prometheus`, checked
 * on read, and never holding a token; the remote-write token goes to the
 * secret store when there is one, else it stays in memory.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noSecretStore, type SecretStore } from '../../../electron/backend/credentials/secret-store.js';
import { createHostRegistry } from '../../../electron/backend/hosts/registry.js';
import { createMemoryLogger } from '../../../electron/backend/log.js';
import { createMetricsFeed } from '../../../electron/backend/monitoring/feed.js';
import { createPrometheusFeature } from '../../../electron/backend/monitoring/prometheus/feature.js';
import { openStore, type Store } from '../../../electron/backend/store/store.js';
import { DEFAULT_PROMETHEUS_SETTINGS, PrometheusSettingsUpdate } from '../../../shared/contract/prometheus.js';

const dirs: string[] = [];
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function setUp(secrets: SecretStore = noSecretStore, existing?: Store) {
  const dir = await mkdtemp(join(tmpdir(), 'novacron-promset-'));
  dirs.push(dir);
  const log = createMemoryLogger();
  const store = existing ?? (await openStore(dir, log));
  const feature = createPrometheusFeature({
    store,
    metrics: createMetricsFeed(() => undefined),
    secrets,
    log,
    hosts: createHostRegistry(() => undefined, log),
    version: 'test',
  });
  feature.start?.();
  closers.push(() => feature.close?.());
  const update = (i: unknown) => feature.handlers['prometheus.updateSettings'](PrometheusSettingsUpdate.parse(i));
  return { store, feature, update, log };
}

function memorySecrets(): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    available: true,
    data,
    save: async (id, s) => void data.set(id, s),
    load: async (id) => data.get(id) ?? null,
    remove: async (id) => void data.delete(id),
  };
}

describe('prometheus settings', () => {
  it('starts off, with loopback and the defaults', async () => {
    const { feature } = await setUp();
    const v = await feature.handlers['prometheus.settings']({});
    expect(v).toMatchObject({ ...DEFAULT_PROMETHEUS_SETTINGS, remoteWriteHasToken: false, remoteWriteTokenStorage: 'none' });
    const st = await feature.handlers['prometheus.status']({});
    expect(st.remoteWrite.state).toBe('off');
    expect(st.exposition).toMatchObject({ enabled: false, listening: false, token: null });
  });

  it('persists settings in the store but keeps the token out of it (memory only without a secret store)', async () => {
    const { store, update } = await setUp();
    const v = await update({ remoteWrite: { enabled: true, url: 'http://127.0.0.1:9/api/v1/write', token: 'very-secret-token' } });
    expect(v).toMatchObject({ remoteWriteHasToken: true, remoteWriteTokenStorage: 'memory' });
    expect((store.data.settings as { prometheus: { remoteWrite: { url: string } } }).prometheus.remoteWrite.url).toBe(
      'http://127.0.0.1:9/api/v1/write',
    );
    expect(await readFile(store.file, 'utf8')).not.toContain('very-secret-token');
    const cleared = await update({ remoteWrite: { token: null, enabled: false } });
    expect(cleared.remoteWriteHasToken).toBe(false);
  });

  it('puts the tokens in the secret store when there is one, the scrape token surviving a restart', async () => {
    const secrets = memorySecrets();
    const first = await setUp(secrets);
    await first.update({
      remoteWrite: { enabled: true, url: 'http://127.0.0.1:9/api/v1/write', token: 'tok' },
      exposition: { enabled: true, port: 0 },
    });
    const scrape = (await first.feature.handlers['prometheus.status']({})).exposition.token;
    expect(scrape).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secrets.data.get('prometheus.remote-write-token')).toBe('tok');
    await first.feature.close?.();

    const second = await setUp(secrets, first.store);
    const st = await second.feature.handlers['prometheus.status']({});
    expect(st.exposition).toMatchObject({ token: scrape, tokenPersisted: true, listening: true });
    expect((await second.feature.handlers['prometheus.settings']({})).remoteWriteTokenStorage).toBe('secret-store');
    await second.update({ exposition: { regenerateToken: true } });
    expect((await second.feature.handlers['prometheus.status']({})).exposition.token).not.toBe(scrape);
  });

  it('refuses remote write without a URL, and a non-http URL', async () => {
    const { update } = await setUp();
    await expect(update({ remoteWrite: { enabled: true } })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(PrometheusSettingsUpdate.safeParse({ remoteWrite: { url: 'file:///etc/passwd' } }).success).toBe(false);
    expect(PrometheusSettingsUpdate.safeParse({ exposition: { bindAddress: 'example.com' } }).success).toBe(false);
  });

  it('falls back to the defaults for a stored section that does not match the schema', async () => {
    const { store } = await setUp();
    await store.update((d) => {
      (d.settings as Record<string, unknown>).prometheus = { remoteWrite: { enabled: 'yes' }, exposition: { enabled: true, port: 0 } };
    });
    const again = await setUp(noSecretStore, store);
    const v = await again.feature.handlers['prometheus.settings']({});
    expect(v.remoteWrite).toEqual(DEFAULT_PROMETHEUS_SETTINGS.remoteWrite);
    expect(v.exposition).toEqual({ ...DEFAULT_PROMETHEUS_SETTINGS.exposition, enabled: true, port: 0 });
    expect(again.log.lines.join('\n')).toContain('partly unusable');
  });
});
