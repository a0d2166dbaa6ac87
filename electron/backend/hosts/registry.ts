/**
 * The one way a service reaches a host: the live libvirt client of a
 * connection, and notifications when a connection comes up (for the first
 * time or after a reconnect) or goes away. The connections service publishes;
 * every other service (VMs, and the features to come) only subscribes and
 * asks, so none of them needs a special hook into another.
 */
import type { LibvirtConnection } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';

export interface HostListener {
  /** A connection is usable; `reconnected` is true after a link loss healed (events were missed). */
  connected?(id: string, conn: LibvirtConnection, reconnected: boolean): void;
  /** A connection is no longer usable (closed, removed, or given up). */
  lost?(id: string): void;
}

export interface HostRegistry {
  /** The live client of a connected host; a not-connected (or not-found) error otherwise. */
  client(id: string): LibvirtConnection;
  /** The client, or null when that host is not connected. */
  tryClient(id: string): LibvirtConnection | null;
  connectedIds(): string[];
  onHost(listener: HostListener): () => void;
}

/** The publishing half, held only by the connections service. */
export interface HostPublisher {
  connected(id: string, conn: LibvirtConnection, reconnected: boolean): void;
  lost(id: string): void;
}

/** `nameOf` gives a record's display name for error messages, undefined when no such record exists. */
export function createHostRegistry(nameOf: (id: string) => string | undefined, log: Logger): HostRegistry & { publisher: HostPublisher } {
  const live = new Map<string, LibvirtConnection>();
  const listeners = new Set<HostListener>();

  function notify(call: (l: HostListener) => void, what: string): void {
    for (const l of [...listeners]) {
      try {
        call(l);
      } catch (e) {
        log.error(`a host listener failed on ${what}`, e);
      }
    }
  }

  return {
    client(id) {
      const name = nameOf(id);
      if (name === undefined) throw new AppError('not-found', 'No such connection.');
      const conn = live.get(id);
      if (!conn) throw new AppError('not-connected', `"${name}" is not connected.`);
      return conn;
    },
    tryClient: (id) => live.get(id) ?? null,
    connectedIds: () => [...live.keys()],
    onHost(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publisher: {
      connected(id, conn, reconnected) {
        live.set(id, conn);
        notify((l) => l.connected?.(id, conn, reconnected), 'connected');
      },
      lost(id) {
        if (!live.delete(id)) return;
        notify((l) => l.lost?.(id), 'lost');
      },
    },
  };
}
