/**
 * The pool sampler: every connected host's storage pools read on an interval
 * (default 60 s; `settings.poolSampling.intervalMs` in the store changes it)
 * and appended to the history as `<connectionId>/pool/<name>/alloc_bytes`
 * and `.../capacity_bytes`, for capacity planning and the pool health line.
 * One round per host at a time: a slow host skips its next turn rather than
 * piling up calls. Only running pools with a capacity are sampled.
 */
import { poolSeriesKey } from '../../../shared/contract/metrics-series.js';
import { api, PoolState, type RpcCaller } from '../../libvirt/index.js';
import type { HostRegistry } from '../hosts/registry.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { Sample } from './history/index.js';

export const DEFAULT_POOL_INTERVAL_MS = 60_000;

export interface PoolSize {
  name: string;
  allocation: number;
  capacity: number;
}

export interface PoolSampler {
  /** Samples one host now (e.g. just connected). */
  sample(connectionId: string): Promise<void>;
  close(): void;
}

export interface PoolSamplerOptions {
  hosts: HostRegistry;
  log: Logger;
  append(samples: Sample[]): void;
  intervalMs?: number;
  now?: () => number;
}

/** The stored interval, or the default when none (or nonsense) is stored. */
export function readPoolInterval(store: Store): number {
  const stored = (store.data.settings as Record<string, unknown>).poolSampling as { intervalMs?: unknown } | undefined;
  const ms = stored?.intervalMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 500 ? ms : DEFAULT_POOL_INTERVAL_MS;
}

/** Sizes of the running pools of one host that have a capacity. */
export async function readPoolSizes(conn: RpcCaller): Promise<PoolSize[]> {
  const pools = await api.listAllStoragePools(conn);
  const infos = await Promise.all(pools.map(async (p) => ({ p, info: await api.getStoragePoolInfo(conn, p).catch(() => null) })));
  return infos
    .filter(({ info }) => info !== null && info.state === PoolState.RUNNING && Number(info.capacity) > 0)
    .map(({ p, info }) => ({ name: p.name, allocation: Number(info!.allocation), capacity: Number(info!.capacity) }));
}

export function poolSamples(connectionId: string, t: number, pools: readonly PoolSize[]): Sample[] {
  return pools.flatMap((p) => [
    { key: poolSeriesKey(connectionId, p.name, 'alloc_bytes'), t, v: p.allocation },
    { key: poolSeriesKey(connectionId, p.name, 'capacity_bytes'), t, v: p.capacity },
  ]);
}

export function createPoolSampler(opts: PoolSamplerOptions): PoolSampler {
  const now = opts.now ?? Date.now;
  const busy = new Set<string>();

  async function sample(id: string): Promise<void> {
    const conn = opts.hosts.tryClient(id);
    if (!conn || busy.has(id)) return;
    busy.add(id);
    try {
      opts.append(poolSamples(id, now(), await readPoolSizes(conn)));
    } catch (e) {
      opts.log.warn(`reading the storage pools of ${id} for the history failed`, e);
    } finally {
      busy.delete(id);
    }
  }

  const timer = setInterval(() => {
    for (const id of opts.hosts.connectedIds()) void sample(id);
  }, opts.intervalMs ?? DEFAULT_POOL_INTERVAL_MS);
  timer.unref();
  const offHosts = opts.hosts.onHost({ connected: (id) => void sample(id) });
  return {
    sample,
    close() {
      clearInterval(timer);
      offHosts();
    },
  };
}
