/**
 * prometheus.*: NovaCron's series for a team's Prometheus. Every sweep of
 * the metrics feed becomes samples for remote write (when configured) and
 * the latest values for the /metrics endpoint (when turned on).
 */
import type { MethodsOf } from '../../../../shared/api.js';
import type {
  ExpositionSettings,
  ExpositionStatus,
  PrometheusSettings,
  PrometheusSettingsUpdate,
  PrometheusSettingsView,
} from '../../../../shared/contract/prometheus.js';
import type { BackendContext, Feature } from '../../feature.js';
import { renderExposition } from './exposition.js';
import { createHostNames } from './host-names.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import { createRemoteWriter } from './remote-writer.js';
import { mergeSettings, readSettings, saveSettings } from './settings.js';
import { samplesOfSweep, type PromSample } from './sweep-samples.js';
import { loadTokens, type PrometheusTokens } from './tokens.js';

/** What the feature uses of the backend (tests build just this). */
export type PrometheusContext = Pick<BackendContext, 'store' | 'metrics' | 'secrets' | 'log' | 'hosts' | 'version'>;

const urlOf = (address: string, port: number) => `http://${address.includes(':') ? `[${address}]` : address}:${port}/metrics`;

export function createPrometheusFeature(ctx: PrometheusContext): Feature<MethodsOf<'prometheus'>> {
  let settings: PrometheusSettings = readSettings(ctx.store, ctx.log);
  const writer = createRemoteWriter({ log: ctx.log, userAgent: `NovaCron/${ctx.version}` });
  const hostNames = createHostNames(ctx.hosts);
  /** Each connection's samples from its last sweep: what /metrics shows. */
  const latest = new Map<string, PromSample[]>();
  let server: MetricsServer | null = null;
  let serverFor: ExpositionSettings | null = null;
  let serverError: string | null = null;
  let tokens: PrometheusTokens | null = null;
  let ready: Promise<void> | null = null;
  // Server starts and stops run one after another.
  let serverChain: Promise<void> = Promise.resolve();

  const offSweep = ctx.metrics.onSweep((sweep) => {
    hostNames.whenKnown(sweep.connectionId, (hostName) => {
      const samples = samplesOfSweep(sweep, hostName);
      if (server) latest.set(sweep.connectionId, samples);
      writer.push(samples);
    });
  });
  const offHosts = ctx.hosts.onHost({ lost: (id) => latest.delete(id) });

  function applyExposition(wanted: ExpositionSettings): Promise<void> {
    const run = async () => {
      const same = server && serverFor && serverFor.bindAddress === wanted.bindAddress && serverFor.port === wanted.port;
      if (wanted.enabled && same) return;
      if (server) {
        await server.close();
        server = null;
        serverFor = null;
        latest.clear();
      }
      serverError = null;
      if (!wanted.enabled) return;
      try {
        server = await startMetricsServer({
          bindAddress: wanted.bindAddress,
          port: wanted.port,
          token: () => tokens?.scrape ?? '',
          render: () => renderExposition([...latest.values()].flat()),
        });
        serverFor = { ...wanted };
        ctx.log.info(`Prometheus /metrics endpoint listening on ${urlOf(server.address, server.port)}`);
      } catch (e) {
        serverError = `could not listen on ${wanted.bindAddress}:${wanted.port}: ${(e as Error).message}`;
        ctx.log.warn(`Prometheus /metrics endpoint ${serverError}`);
      }
    };
    serverChain = serverChain.then(run, run);
    return serverChain;
  }

  function init(): Promise<void> {
    ready ??= loadTokens(ctx.secrets, ctx.log).then(async (t) => {
      tokens = t;
      writer.configure(settings.remoteWrite, t.remoteWrite);
      await applyExposition(settings.exposition);
    });
    return ready;
  }

  function view(): PrometheusSettingsView {
    const hasToken = (tokens?.remoteWrite ?? null) !== null;
    return {
      ...structuredClone(settings),
      remoteWriteHasToken: hasToken,
      remoteWriteTokenStorage: !hasToken ? 'none' : tokens?.persisted ? 'secret-store' : 'memory',
    };
  }

  function expositionStatus(): ExpositionStatus {
    return {
      enabled: settings.exposition.enabled,
      listening: server !== null,
      address: server?.address ?? null,
      port: server?.port ?? null,
      url: server ? urlOf(server.address, server.port) : null,
      token: settings.exposition.enabled ? (tokens?.scrape ?? null) : null,
      tokenPersisted: tokens?.persisted ?? false,
      scrapes: server?.counts.scrapes ?? 0,
      refused: server?.counts.refused ?? 0,
      lastError: serverError,
    };
  }

  async function update(input: PrometheusSettingsUpdate): Promise<PrometheusSettingsView> {
    await init();
    const next = mergeSettings(settings, input);
    const token = input.remoteWrite?.token;
    if (token !== undefined) await tokens!.setRemoteWrite(token);
    if (input.exposition?.regenerateToken) await tokens!.regenerateScrape();
    await saveSettings(ctx.store, next);
    settings = next;
    writer.configure(next.remoteWrite, tokens!.remoteWrite);
    await applyExposition(next.exposition);
    return view();
  }

  return {
    handlers: {
      'prometheus.settings': async () => {
        await init();
        return view();
      },
      'prometheus.updateSettings': (input) => update(input),
      'prometheus.status': async () => {
        await init();
        return { remoteWrite: writer.status(), exposition: expositionStatus() };
      },
    },
    start: () => {
      init().catch((e: unknown) => ctx.log.error('the Prometheus feature failed to start', e));
    },
    async close() {
      offSweep();
      offHosts();
      hostNames.close();
      await writer.close();
      await applyExposition({ ...settings.exposition, enabled: false });
    },
  };
}
