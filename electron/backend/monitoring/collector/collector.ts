/**
 * The collector: for every connected host, one bulk statistics call per
 * interval (all the groups the series need) plus the host's CPU and memory
 * counters, turned into derived series (derive.ts) and handed to the sinks
 * (history store, alert rules, live charts).
 *
 * Each host has its own loop, re-armed with setTimeout after its sweep ends:
 * sweeps never overlap on one host, and a slow or lost host delays only
 * itself. A host that goes away (the registry says "lost") stops its loop;
 * one that comes back starts afresh, so no rate spans the gap.
 */
import { api, isConnectionLost, StatsTypes, type LibvirtConnection } from '../../../libvirt/index.js';
import type { HostRegistry } from '../../hosts/registry.js';
import type { Logger } from '../../log.js';
import type { HostSweep, SweepListener } from '../feed.js';
import { deriveHost, deriveVm } from './derive.js';
import { readRawDomain, readRawHost, type RawDomain, type RawHost } from './raw.js';

/** The groups the derived series come from; others (perf, dirty rate, ...) cost the daemon work for nothing. */
const WANTED_STATS =
  StatsTypes.STATE | StatsTypes.CPU_TOTAL | StatsTypes.BALLOON | StatsTypes.VCPU | StatsTypes.INTERFACE | StatsTypes.BLOCK;

export type { HostSweep, SweepListener };

export interface CollectorOptions {
  hosts: HostRegistry;
  log: Logger;
  /** Default 2,000 ms. */
  intervalMs?: number;
  now?: () => number;
}

interface HostLoop {
  conn: LibvirtConnection;
  timer: NodeJS.Timeout | null;
  stopped: boolean;
  cpus: number;
  prevT: number;
  prevDomains: Map<string, RawDomain>;
  prevHost: RawHost | undefined;
  failures: number;
}

export interface Collector {
  onSweep(listener: SweepListener): () => void;
  setInterval(ms: number): void;
  readonly intervalMs: number;
  /** Sweep durations of recent sweeps, ms, all hosts (for the benchmark and Settings). */
  recentSweepMs(): number[];
  close(): void;
}

const RECENT = 512;

export function createCollector(opts: CollectorOptions): Collector {
  const now = opts.now ?? Date.now;
  let intervalMs = opts.intervalMs ?? 2000;
  const loops = new Map<string, HostLoop>();
  const listeners = new Set<SweepListener>();
  const recent: number[] = [];

  function emit(s: HostSweep): void {
    for (const l of [...listeners]) {
      try {
        l(s);
      } catch (e) {
        opts.log.error('a metrics sink failed', e);
      }
    }
  }

  async function readHost(id: string, loop: HostLoop): Promise<RawHost> {
    const [cpu, mem] = await Promise.all([
      api.getNodeCpuStats(loop.conn).catch(() => ({})),
      api.getNodeMemoryStats(loop.conn).catch(() => ({})),
    ]);
    if (Object.keys(cpu).length === 0 && loop.failures === 0) opts.log.info(`connection ${id}: the host gives no CPU statistics`);
    return readRawHost(loop.cpus, cpu, mem);
  }

  async function sweep(id: string, loop: HostLoop): Promise<void> {
    const started = now();
    const [records, host] = await Promise.all([api.getAllDomainStats(loop.conn, { stats: WANTED_STATS }), readHost(id, loop)]);
    const t = now();
    const dt = loop.prevT > 0 ? t - loop.prevT : 0;
    const domains = new Map<string, RawDomain>();
    const vms: HostSweep['vms'] = [];
    for (const rec of records) {
      const raw = readRawDomain(rec);
      domains.set(raw.uuid, raw);
      vms.push({ uuid: raw.uuid, name: raw.name, state: raw.state, values: deriveVm(loop.prevDomains.get(raw.uuid), raw, dt, loop.cpus) });
    }
    const hostValues = deriveHost(loop.prevHost, host);
    loop.prevDomains = domains;
    loop.prevHost = host;
    loop.prevT = t;
    const ms = t - started;
    recent.push(ms);
    if (recent.length > RECENT) recent.splice(0, recent.length - RECENT);
    emit({ connectionId: id, t, ms, host: hostValues, vms });
  }

  function arm(id: string, loop: HostLoop, delay: number): void {
    if (loop.stopped) return;
    loop.timer = setTimeout(() => {
      loop.timer = null;
      const started = now();
      sweep(id, loop)
        .then(() => (loop.failures = 0))
        .catch((e: unknown) => {
          if (isConnectionLost(e)) return; // the registry's "lost" stops this loop
          loop.failures++;
          if (loop.failures === 1 || loop.failures % 30 === 0)
            opts.log.warn(`connection ${id}: a statistics sweep failed (${loop.failures} in a row)`, e);
        })
        .finally(() => arm(id, loop, Math.max(0, intervalMs - (now() - started))));
    }, delay);
    loop.timer.unref?.();
  }

  function start(id: string, conn: LibvirtConnection): void {
    stop(id);
    const loop: HostLoop = {
      conn,
      timer: null,
      stopped: false,
      cpus: 0,
      prevT: 0,
      prevDomains: new Map(),
      prevHost: undefined,
      failures: 0,
    };
    loops.set(id, loop);
    api
      .getNodeInfo(conn)
      .then((info) => (loop.cpus = info.cpus))
      .catch(() => undefined)
      .finally(() => arm(id, loop, 0));
  }

  function stop(id: string): void {
    const loop = loops.get(id);
    if (!loop) return;
    loop.stopped = true;
    if (loop.timer) clearTimeout(loop.timer);
    loops.delete(id);
  }

  const offHosts = opts.hosts.onHost({ connected: (id, conn) => start(id, conn), lost: (id) => stop(id) });
  for (const id of opts.hosts.connectedIds()) {
    const conn = opts.hosts.tryClient(id);
    if (conn) start(id, conn);
  }

  return {
    onSweep(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setInterval(ms) {
      intervalMs = ms;
    },
    get intervalMs() {
      return intervalMs;
    },
    recentSweepMs: () => [...recent],
    close() {
      offHosts();
      for (const id of [...loops.keys()]) stop(id);
    },
  };
}
