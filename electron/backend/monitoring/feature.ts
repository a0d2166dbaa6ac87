/**
 * metrics.*: the collector sweeps every connected host; each sweep goes to
 * the metrics feed (alerts, Prometheus, anomaly detection), into the history
 * store, and to the renderer as one `metrics.sweep` event per host. The
 * storage pools' sizes go into the history too, every minute (pools.ts).
 */
import type { MethodsOf } from '../../../shared/api.js';
import type { BackendContext, Feature } from '../feature.js';
import { createCollector } from './collector/collector.js';
import { openHistoryStore, type HistoryStore } from './history/index.js';
import { createLatestValues } from './latest.js';
import { metricsDir } from './paths.js';
import { createPoolSampler, readPoolInterval } from './pools.js';
import { metricPrecision } from './precision.js';
import { queryHeatmap, queryMetrics } from './queries.js';
import { samplesOf } from './samples.js';
import { readMetricsSettings, retentionOf, writeMetricsSettings } from './settings.js';

/** How often closed 1-minute buckets are written out: a crash loses at most this much roll-up. */
const FLUSH_EVERY_MS = 60_000;

export function createMetricsFeature(ctx: BackendContext): Feature<MethodsOf<'metrics'>> {
  const settings = readMetricsSettings(ctx.store);
  const dir = metricsDir(ctx.dataDir);
  const opened: Promise<HistoryStore> = openHistoryStore({
    dir,
    retention: retentionOf(settings),
    rawIntervalMs: settings.intervalMs,
    precisionOf: metricPrecision,
  });
  opened.catch((e: unknown) => ctx.log.error(`the metrics history in ${dir} could not be opened; history is off`, e));
  ctx.metrics.shareHistory(opened);
  let store: HistoryStore | null = null;
  void opened.then((s) => (store = s)).catch(() => undefined);

  const latest = createLatestValues();
  const collector = createCollector({ hosts: ctx.hosts, log: ctx.log, intervalMs: settings.intervalMs });
  const offCollector = collector.onSweep((sweep) => {
    ctx.metrics.publish(sweep);
    store?.append(samplesOf(sweep));
    ctx.bus.emit('metrics.sweep', latest.record(sweep));
  });
  const offHosts = ctx.hosts.onHost({ lost: (id) => latest.forget(id) });
  const pools = createPoolSampler({
    hosts: ctx.hosts,
    log: ctx.log,
    intervalMs: readPoolInterval(ctx.store),
    append: (samples) => store?.append(samples),
  });
  const flusher = setInterval(
    () => void store?.flush().catch((e: unknown) => ctx.log.warn('writing the metrics history failed', e)),
    FLUSH_EVERY_MS,
  );
  flusher.unref();

  return {
    handlers: {
      'metrics.query': async (q) => queryMetrics(await opened, q, collector.intervalMs),
      'metrics.now': () => ({ vms: latest.vms(), hosts: latest.hosts() }),
      'metrics.heatmap': async (q) => queryHeatmap(await opened, latest, q, collector.intervalMs),
      'metrics.settings': () => readMetricsSettings(ctx.store),
      'metrics.updateSettings': async (patch) => {
        const next = await writeMetricsSettings(ctx.store, patch);
        collector.setInterval(next.intervalMs);
        (await opened).setRetention(retentionOf(next));
        return next;
      },
      'metrics.usage': async () => {
        const u = (await opened).usage();
        return { memoryBytes: u.memoryBytes, diskBytes: u.diskBytes, points: u.points, series: u.series, dir };
      },
    },
    close: async () => {
      clearInterval(flusher);
      pools.close();
      offHosts();
      offCollector();
      collector.close();
      await (await opened.catch(() => null))?.close();
    },
  };
}
