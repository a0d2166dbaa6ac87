/**
 * What the alert rules need to know of each host: when its link drops and
 * comes back (the connection's own state, and the registry's "lost" once
 * reconnecting is given up), whether a "lost" was the user disconnecting or
 * removing it (the connections service says "disconnected" just before), and
 * its machines' lifecycle events.
 */
import type { DomainLifecycleEvent, LibvirtConnection, Unsubscribe } from '../../libvirt/index.js';
import type { EventBus } from '../events.js';
import type { HostRegistry } from '../hosts/registry.js';
import type { Logger } from '../log.js';

export interface HostSignals {
  /** Connected, or reachable again. */
  up(id: string, conn: LibvirtConnection): void;
  /** The link is down and NovaCron did not ask for it; `gone` once the registry dropped the host (reconnecting given up). */
  down(id: string, why: string, gone: boolean): void;
  /** The user disconnected or removed the host: nothing to alert about. */
  ended(id: string, why: string): void;
  lifecycle(id: string, conn: LibvirtConnection, e: DomainLifecycleEvent): void;
}

interface Watch {
  conn: LibvirtConnection;
  offState: () => void;
  offLifecycle: Promise<Unsubscribe | null>;
}

export function watchHosts(hosts: HostRegistry, bus: EventBus, log: Logger, on: HostSignals): { close(): void } {
  const watches = new Map<string, Watch>();
  const byUser = new Map<string, string>();

  function unwatch(id: string): void {
    const w = watches.get(id);
    if (!w) return;
    watches.delete(id);
    w.offState();
    void w.offLifecycle.then((u) => u?.()).catch(() => undefined);
  }

  function watch(id: string, conn: LibvirtConnection): void {
    byUser.delete(id);
    if (watches.get(id)?.conn !== conn) {
      unwatch(id);
      const offState = conn.onStateChange((c) => {
        if (c.state === 'lost' || c.state === 'reconnecting') on.down(id, c.error?.message ?? 'the connection was lost', false);
        else if (c.state === 'connected') on.up(id, conn);
      });
      const offLifecycle = conn
        .onDomainLifecycle((e) => {
          if (watches.get(id)?.conn === conn) on.lifecycle(id, conn, e);
        })
        .catch((e: unknown) => {
          log.warn(`connection ${id}: no lifecycle events, so no "stopped unexpectedly" alerts for its machines`, e);
          return null;
        });
      watches.set(id, { conn, offState, offLifecycle });
    }
    on.up(id, conn);
  }

  const offBus = bus.on((name, payload) => {
    const p = payload as { id?: string; state?: string };
    if (typeof p.id !== 'string') return;
    if (name === 'connection.changed' && p.state === 'disconnected') byUser.set(p.id, 'disconnected');
    if (name === 'connection.removed') {
      byUser.set(p.id, 'removed');
      unwatch(p.id);
      on.ended(p.id, 'removed');
    }
  });

  const offHosts = hosts.onHost({
    connected: (id, conn) => watch(id, conn),
    lost: (id) => {
      unwatch(id);
      const why = byUser.get(id);
      if (why) on.ended(id, why);
      else on.down(id, 'NovaCron gave up reconnecting', true);
    },
  });
  for (const id of hosts.connectedIds()) {
    const conn = hosts.tryClient(id);
    if (conn) watch(id, conn);
  }

  return {
    close() {
      offBus();
      offHosts();
      for (const id of [...watches.keys()]) unwatch(id);
    },
  };
}
