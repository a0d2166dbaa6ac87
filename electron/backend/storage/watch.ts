/**
 * Pools changed outside NovaCron (virsh, another console) announce themselves:
 * libvirt's storage pool lifecycle events (defined, started, stopped,
 * undefined...) become `storage.changed`, so open views re-read at once rather
 * than at their next poll. Refresh events are left out on purpose: the volume
 * listing refreshes its pool, and would otherwise re-trigger itself.
 */
import type { Unsubscribe } from '../../libvirt/index.js';
import type { EventBus } from '../events.js';
import type { HostRegistry } from '../hosts/registry.js';
import type { Logger } from '../log.js';

export function watchPools(hosts: HostRegistry, bus: EventBus, log: Logger): () => void {
  const subs = new Map<string, Promise<Unsubscribe | null>>();
  const drop = (id: string) => {
    void subs
      .get(id)
      ?.then((u) => u?.())
      .catch(() => undefined);
    subs.delete(id);
  };
  const off = hosts.onHost({
    connected: (id, conn) => {
      drop(id);
      subs.set(
        id,
        conn
          .subscribe('storage-pool-lifecycle', (e) => bus.emit('storage.changed', { connectionId: id, pool: e.pool.name }))
          .catch((e: unknown) => {
            log.warn(`connection ${id}: storage pool events are unavailable; the Storage views poll instead`, e);
            return null;
          }),
      );
      bus.emit('storage.changed', { connectionId: id });
    },
    lost: (id) => {
      drop(id);
      bus.emit('storage.changed', { connectionId: id });
    },
  });
  return () => {
    off();
    for (const id of [...subs.keys()]) drop(id);
  };
}
