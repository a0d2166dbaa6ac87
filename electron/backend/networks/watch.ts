/**
 * Networks changed outside NovaCron (virsh, another console, a host restart):
 * libvirt's network lifecycle events become `networks.changed`, so open views
 * re-read. One subscription per connected host, dropped when it goes away.
 */
import type { LibvirtConnection, Unsubscribe } from '../../libvirt/index.js';
import type { EventBus } from '../events.js';
import type { HostRegistry } from '../hosts/registry.js';
import type { Logger } from '../log.js';

export function watchNetworks(hosts: HostRegistry, bus: EventBus, log: Logger): () => void {
  const watches = new Map<string, { conn: LibvirtConnection; off: Promise<Unsubscribe | null> }>();

  function down(id: string): void {
    const w = watches.get(id);
    if (!w) return;
    watches.delete(id);
    // The connection may be closing anyway: unsubscribing is tidiness, not correctness.
    void w.off.then((u) => u?.()).catch(() => undefined);
  }

  function up(id: string, conn: LibvirtConnection): void {
    if (watches.get(id)?.conn === conn) return;
    down(id);
    const off = conn
      .onNetworkLifecycle((e) => bus.emit('networks.changed', { connectionId: id, name: e.net.name }))
      .catch((e: unknown) => {
        log.warn(`connection ${id}: network events are unavailable; the networks view refreshes after NovaCron's own changes only`, e);
        return null;
      });
    watches.set(id, { conn, off });
  }

  for (const id of hosts.connectedIds()) {
    const conn = hosts.tryClient(id);
    if (conn) up(id, conn);
  }
  const offHosts = hosts.onHost({ connected: up, lost: down });
  return () => {
    offHosts();
    for (const id of [...watches.keys()]) down(id);
  };
}
