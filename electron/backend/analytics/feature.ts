/**
 * analytics.*: anomalies found live (the detector on its worker thread, fed
 * 1-minute means of every machine and host series: live/pipeline.ts), the
 * anomaly feed, forecasts, capacity and right-sizing over the monitoring
 * history. Nothing here changes a machine: suggestions carry the call the
 * views run through the normal actions.
 */
import type { MethodsOf } from '../../../shared/api.js';
import type { CapacityReport, ForecastResult, RightsizeReport } from '../../../shared/contract/analytics.js';
import type { BackendContext, Feature } from '../feature.js';
import { readPoolSizes } from '../monitoring/pools.js';
import { ResultCache } from './capacity/cache.js';
import { forecastHistory, seriesKeyOf } from './capacity/forecast.js';
import { planCapacity, type PoolRef } from './capacity/plan.js';
import { openAnomalyFeed } from './live/anomaly-feed.js';
import { anomalyFile } from './live/feed-file.js';
import { createLiveAnomalies, type LiveAnomalies } from './live/pipeline.js';
import { startScorer } from './live/scorer.js';
import { readFleetHost, type FleetHost } from './rightsize/fleet.js';
import { rightsizeFleet } from './rightsize/report.js';

/** Forecasts, capacity and right-sizing are reused this long. */
const FORECAST_TTL_MS = 5 * 60_000;
const REPORT_TTL_MS = 2 * 60_000;

export function createAnalyticsFeature(ctx: BackendContext): Feature<MethodsOf<'analytics'>> {
  const nameOf = (id: string) => ctx.store.data.connections.find((c) => c.id === id)?.name ?? id;
  const scorer = startScorer();
  if (scorer.mode === 'in-process') ctx.log.warn('the anomaly worker script was not found (running from sources?): scoring in-process');
  const feedOpened = openAnomalyFeed(anomalyFile(ctx.dataDir), ctx.log);
  const live: Promise<LiveAnomalies> = feedOpened.then((feed) =>
    createLiveAnomalies({
      metrics: ctx.metrics,
      scorer,
      feed,
      hostName: nameOf,
      detected: (r) => ctx.bus.emit('anomaly.detected', r),
    }),
  );
  const forecasts = new ResultCache<Omit<ForecastResult, 'cached' | 'fittedAt'>>(FORECAST_TTL_MS);
  const capacity = new ResultCache<CapacityReport>(REPORT_TTL_MS, 1);
  const rightsize = new ResultCache<RightsizeReport>(REPORT_TTL_MS, 20);

  async function listPools(): Promise<PoolRef[]> {
    const all = await Promise.all(
      ctx.hosts.connectedIds().map(async (id) => {
        const conn = ctx.hosts.tryClient(id);
        const pools = conn ? await readPoolSizes(conn).catch(() => []) : [];
        return pools.map((p) => ({ connectionId: id, name: nameOf(id), pool: p.name, capacity: p.capacity, allocation: p.allocation }));
      }),
    );
    return all.flat();
  }

  async function readFleet(): Promise<FleetHost[]> {
    const hosts = await Promise.all(
      ctx.hosts.connectedIds().map(async (id) => {
        const conn = ctx.hosts.tryClient(id);
        return conn
          ? readFleetHost(id, nameOf(id), conn).catch((e: unknown) => (ctx.log.warn(`reading ${id} for right-sizing failed`, e), null))
          : null;
      }),
    );
    return hosts.filter((h): h is FleetHost => h !== null);
  }

  return {
    handlers: {
      'analytics.anomalies': async (q) => (await feedOpened).query(q),
      'analytics.status': async () => (await live).status(),
      'analytics.forecast': async (q) => {
        const key = `${seriesKeyOf(q)}|${q.horizonMs}|${q.level}`;
        const r = await forecasts.get(key, async () => forecastHistory(await ctx.metrics.history(), q, Date.now()));
        return { ...r.value, fittedAt: r.at, cached: r.cached };
      },
      'analytics.capacity': async () => {
        const hosts = ctx.store.data.connections.map((c) => ({ connectionId: c.id, name: c.name }));
        const r = await capacity.get('all', async () => planCapacity(await ctx.metrics.history(), hosts, await listPools(), Date.now()));
        return r.value;
      },
      'analytics.rightsize': async (o) => {
        const key = JSON.stringify(o);
        const r = await rightsize.get(key, async () => rightsizeFleet(await ctx.metrics.history(), await readFleet(), o, Date.now()));
        return r.value;
      },
    },
    close: async () => {
      await (await live.catch(() => null))?.close();
      await (await feedOpened).flush();
    },
  };
}
