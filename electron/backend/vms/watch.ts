/**
 * Keeps the renderer's VM caches fresh from libvirt's lifecycle events: each
 * event means "re-read this one domain" (vm.changed), or, if it no longer
 * exists, vm.removed. Bursts of events for one domain (started, resumed, ...)
 * collapse into at most one read in flight plus one queued, so a slow reply
 * never overwrites a newer one. A connection coming up (or back) invalidates
 * its whole list, since events were missed while it was down.
 */
import { api, isConnectionLost, isNoDomain, type LibvirtConnection, type Unsubscribe } from '../../libvirt/index.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import { readVm } from './read.js';

interface Watch {
  conn: LibvirtConnection;
  unsubscribe: Promise<Unsubscribe | null>;
  /** uuid -> whether another read is wanted after the one in flight */
  reading: Map<string, boolean>;
}

export function createVmWatcher(bus: EventBus, log: Logger) {
  const watches = new Map<string, Watch>();

  async function refresh(connectionId: string, w: Watch, uuid: string): Promise<void> {
    if (w.reading.has(uuid)) {
      w.reading.set(uuid, true);
      return;
    }
    w.reading.set(uuid, false);
    try {
      do {
        w.reading.set(uuid, false);
        try {
          bus.emit('vm.changed', await readVm(w.conn, connectionId, await api.lookupDomainByUuid(w.conn, uuid)));
        } catch (e) {
          if (isNoDomain(e)) bus.emit('vm.removed', { connectionId, uuid });
          else if (!isConnectionLost(e)) log.warn(`re-reading domain ${uuid} after an event failed`, e);
        }
      } while (w.reading.get(uuid) === true && watches.get(connectionId) === w);
    } finally {
      w.reading.delete(uuid);
    }
  }

  function up(id: string, conn: LibvirtConnection): void {
    if (watches.get(id)?.conn !== conn) {
      down(id);
      const w: Watch = { conn, reading: new Map(), unsubscribe: Promise.resolve(null) };
      w.unsubscribe = conn
        .onDomainLifecycle((e) => {
          if (watches.get(id) === w) void refresh(id, w, e.dom.uuid);
        })
        .catch((e: unknown) => {
          log.warn(`connection ${id}: lifecycle events are unavailable; the VM list refreshes only on request`, e);
          return null;
        });
      watches.set(id, w);
    }
    bus.emit('vms.invalidated', { connectionId: id });
  }

  function down(id: string): void {
    const w = watches.get(id);
    if (!w) return;
    watches.delete(id);
    // The connection is closing anyway; unsubscribing is tidiness, not correctness.
    void w.unsubscribe.then((u) => u?.()).catch(() => undefined);
    bus.emit('vms.invalidated', { connectionId: id });
  }

  return {
    /** A host came up (or back): watch its lifecycle events, and have its list re-read. */
    up,
    /** A host went away: stop watching, and have its list re-read (it empties). */
    down,
    close(): void {
      for (const id of [...watches.keys()]) down(id);
    },
  };
}
