/**
 * Reads every connected host's storage pools on a timer (and on request: a
 * host connected, a pool rule changed) while some pool rule is enabled. One
 * read in flight per host; a slow host delays only itself.
 */
import type { AlertRule } from '../../../shared/contract/alerts.js';
import { isConnectionLost } from '../../libvirt/index.js';
import type { HostRegistry } from '../hosts/registry.js';
import type { Logger } from '../log.js';
import type { AlertEngine } from './engine.js';
import { evaluatePools, readPoolFill } from './pools.js';

export interface PoolPollerOptions {
  hosts: HostRegistry;
  log: Logger;
  intervalMs: number;
  wanted: () => boolean;
  engine: AlertEngine;
  rules: () => readonly AlertRule[];
  nameOf: (connectionId: string) => string;
}

export interface PoolPoller {
  poll(connectionId: string): void;
  pollAll(): void;
  close(): void;
}

export function createPoolPoller(o: PoolPollerOptions): PoolPoller {
  const inFlight = new Set<string>();
  const failures = new Map<string, number>();
  let closed = false;

  async function read(id: string): Promise<void> {
    const conn = o.hosts.tryClient(id);
    if (!conn) return;
    inFlight.add(id);
    try {
      const pools = await readPoolFill(conn);
      failures.delete(id);
      if (!closed && o.hosts.tryClient(id) === conn) evaluatePools(o.engine, o.rules(), id, o.nameOf(id), pools, Date.now());
    } catch (e) {
      const n = (failures.get(id) ?? 0) + 1;
      failures.set(id, n);
      if (!isConnectionLost(e) && (n === 1 || n % 30 === 0))
        o.log.warn(`connection ${id}: reading storage pools for alert rules failed (${n} in a row)`, e);
    } finally {
      inFlight.delete(id);
    }
  }

  function poll(id: string): void {
    if (closed || inFlight.has(id) || !o.wanted()) return;
    void read(id);
  }

  function pollAll(): void {
    for (const id of o.hosts.connectedIds()) poll(id);
  }

  const timer = setInterval(pollAll, o.intervalMs);
  timer.unref();

  return {
    poll,
    pollAll,
    close() {
      closed = true;
      clearInterval(timer);
    },
  };
}
