/**
 * storage.*: the pool and volume cores (pools.ts, pool-create.ts, volumes.ts)
 * over the host registry's live clients. Adds what only the running backend
 * knows: the host's name, the health line (the pool sampler's allocation
 * history for the fill rate, the last failed refresh), a `storage.changed`
 * event after every change (and after libvirt's pool lifecycle events, watch.ts), and a job for a volume clone (a full copy takes a while).
 */
import type { MethodsOf } from '../../../shared/api.js';
import { poolSeriesKey } from '../../../shared/contract/metrics-series.js';
import { POOL_HEALTH, type Pool, type Volume } from '../../../shared/contract/storage.js';
import type { RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { BackendContext, Feature } from '../feature.js';
import { poolHealth } from './health.js';
import { createPool, readPoolCapabilities } from './pool-create.js';
import { deletePool, listPools, readPool, refreshPool, setPoolAutostart, startPool, stopPool, type PoolRow } from './pools.js';
import { cloneVolume, createVolume, deleteVolume, listVolumes, resizeVolume } from './volumes.js';
import { watchPools } from './watch.js';

export function createStorageFeature(ctx: BackendContext): Feature<MethodsOf<'storage'>> {
  /** The last failed refresh per `<connectionId>/<pool>`, cleared by a good one. */
  const refreshErrors = new Map<string, { message: string; at: number }>();
  const keyOf = (connectionId: string, pool: string) => `${connectionId}/${pool}`;
  const hostName = (connectionId: string) => ctx.store.data.connections.find((c) => c.id === connectionId)?.name ?? connectionId;
  const changed = (connectionId: string, pool?: string) => ctx.bus.emit('storage.changed', { connectionId, ...(pool ? { pool } : {}) });

  async function samplesOf(connectionId: string, pool: string, now: number): Promise<{ t: number; v: number }[]> {
    try {
      const store = await ctx.metrics.history();
      const r = await store.query(poolSeriesKey(connectionId, pool, 'alloc_bytes'), now - POOL_HEALTH.rateWindowMs, now + 1, 1000);
      return r.t.map((t, i) => ({ t, v: r.avg[i]! }));
    } catch {
      return []; // no history kept: the line says the rate is not known
    }
  }

  async function toPool(connectionId: string, row: PoolRow): Promise<Pool> {
    const now = Date.now();
    const samples = row.state === 'running' ? await samplesOf(connectionId, row.name, now) : [];
    const health = poolHealth({
      state: row.state,
      capacity: row.capacity,
      available: row.available,
      samples,
      lastRefreshError: refreshErrors.get(keyOf(connectionId, row.name)) ?? null,
      now,
    });
    return { connectionId, host: hostName(connectionId), ...row, health };
  }

  /**
   * One pool's listings and changes run one at a time: a refresh rebuilds
   * libvirt's volume list, so a listing or a volume change running beside it
   * can miss volumes or fail.
   */
  const queues = new Map<string, Promise<unknown>>();
  function serial<T>(connectionId: string, pool: string | undefined, fn: () => Promise<T>): Promise<T> {
    if (pool === undefined) return fn();
    const key = keyOf(connectionId, pool);
    const run = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(fn);
    queues.set(key, run);
    void run
      .finally(() => {
        if (queues.get(key) === run) queues.delete(key);
      })
      .catch(() => undefined);
    return run;
  }

  /** Runs a mutation of one pool and announces it, whether it succeeded or not (a failure may have changed something). */
  async function mutate<T>(connectionId: string, pool: string | undefined, fn: (c: RpcCaller) => Promise<T>): Promise<T> {
    try {
      return await serial(connectionId, pool, () => fn(ctx.hosts.client(connectionId)));
    } finally {
      changed(connectionId, pool);
    }
  }

  function noteRefresh(connectionId: string, pool: string, error: string | null): void {
    if (error === null) refreshErrors.delete(keyOf(connectionId, pool));
    else refreshErrors.set(keyOf(connectionId, pool), { message: error, at: Date.now() });
  }

  async function poolsOf(connectionId: string): Promise<Pool[]> {
    const rows = await listPools(ctx.hosts.client(connectionId));
    return Promise.all(rows.map((r) => toPool(connectionId, r)));
  }

  async function cloneAsJob(connectionId: string, pool: string, volume: string, name: string): Promise<Volume> {
    const c = ctx.hosts.client(connectionId);
    const row = await readPool(c, pool);
    let made: Volume | undefined;
    const { done } = ctx.jobs.run(
      {
        kind: 'disk-copy',
        connectionId,
        subject: { uuid: row.uuid, name: `${pool}/${volume}` },
        title: `Clone volume ${volume} as ${name} (pool ${pool})`,
        // libvirt copies the volume in one call: it cannot be stopped half-way.
        cancellable: false,
      },
      async (ctl) => {
        ctl.update({ phase: 'copying the volume', progress: null });
        made = await cloneVolume(c, pool, volume, name);
        return { volume: made.name, path: made.path };
      },
    );
    await done;
    return made!;
  }

  let unwatch: (() => void) | null = null;

  return {
    start() {
      unwatch = watchPools(ctx.hosts, ctx.bus, ctx.log);
    },
    close() {
      unwatch?.();
    },
    handlers: {
      'storage.pools': async (i) => {
        const ids = i.connectionId ? [i.connectionId] : ctx.hosts.connectedIds();
        // One host failing (lost mid-call) leaves the others' pools listed.
        const per = await Promise.all(
          ids.map((id) =>
            poolsOf(id).catch((e: unknown) => {
              if (i.connectionId) throw e;
              ctx.log.warn(`listing the storage pools of ${id} failed`, e);
              return [];
            }),
          ),
        );
        return per.flat();
      },
      'storage.capabilities': (i) => readPoolCapabilities(ctx.hosts.client(i.connectionId)),
      'storage.volumes': async (i) => {
        const listing = await serial(i.connectionId, i.pool, () =>
          listVolumes(ctx.hosts.client(i.connectionId), i.pool, { refresh: true }),
        );
        if (listing.pool.state === 'running') noteRefresh(i.connectionId, i.pool, listing.refreshError);
        return { pool: await toPool(i.connectionId, listing.pool), volumes: listing.volumes };
      },
      'storage.createPool': async (i) => {
        const name = i.spec.type === 'xml' ? undefined : i.spec.name;
        const row = await mutate(i.connectionId, name, (c) =>
          createPool(c, i.spec, { build: i.build, start: i.start, autostart: i.autostart }),
        );
        return toPool(i.connectionId, row);
      },
      'storage.startPool': async (i) => toPool(i.connectionId, await mutate(i.connectionId, i.pool, (c) => startPool(c, i.pool))),
      'storage.stopPool': async (i) => toPool(i.connectionId, await mutate(i.connectionId, i.pool, (c) => stopPool(c, i.pool))),
      'storage.setPoolAutostart': async (i) =>
        toPool(i.connectionId, await mutate(i.connectionId, i.pool, (c) => setPoolAutostart(c, i.pool, i.autostart))),
      'storage.refreshPool': async (i) => {
        const row = await mutate(i.connectionId, i.pool, async (c) => {
          try {
            const r = await refreshPool(c, i.pool);
            noteRefresh(i.connectionId, i.pool, null);
            return r;
          } catch (e) {
            if (!(e instanceof AppError)) noteRefresh(i.connectionId, i.pool, e instanceof Error ? e.message : String(e));
            throw e;
          }
        });
        return toPool(i.connectionId, row);
      },
      'storage.deletePool': async (i) => {
        const r = await mutate(i.connectionId, i.pool, (c) => deletePool(c, i.pool, i.deleteVolumes));
        refreshErrors.delete(keyOf(i.connectionId, i.pool));
        return r;
      },
      'storage.createVolume': (i) =>
        mutate(i.connectionId, i.pool, (c) =>
          createVolume(c, i.pool, { name: i.name, format: i.format, capacity: i.capacity, backing: i.backing }),
        ),
      'storage.resizeVolume': (i) => mutate(i.connectionId, i.pool, (c) => resizeVolume(c, i.pool, i.volume, i.capacity, i.shrink)),
      'storage.deleteVolume': async (i) => ({
        deleted: await mutate(i.connectionId, i.pool, (c) => deleteVolume(c, i.pool, i.volume, i.force)),
      }),
      'storage.cloneVolume': (i) => mutate(i.connectionId, i.pool, () => cloneAsJob(i.connectionId, i.pool, i.volume, i.name)),
    },
  };
}
