/**
 * inventory.*: tags and notes per machine (core.ts) for every connected host,
 * served from a cache (cache.ts) that follows the hosts and their lifecycle
 * events; `inventory.changed` goes out whenever an entry changed.
 */
import type { MethodsOf } from '../../../shared/api.js';
import type { InventoryEntry } from '../../../shared/contract/inventory.js';
import { isConnectionLost, type LibvirtConnection, type Unsubscribe } from '../../libvirt/index.js';
import type { BackendContext, Feature } from '../feature.js';
import { createInventoryCache } from './cache.js';
import { setNote, setTags } from './core.js';

/** Another workstation's edits bring no event: whole hosts are re-read this often. */
const REREAD_MS = 5 * 60_000;

const same = (a: InventoryEntry | undefined, b: InventoryEntry) =>
  a !== undefined && a.name === b.name && a.note === b.note && a.tags.join('\n') === b.tags.join('\n');

export function createInventoryFeature(ctx: BackendContext): Feature<MethodsOf<'inventory'>> {
  const cache = createInventoryCache(ctx.log);
  const watches = new Map<string, Promise<Unsubscribe | null>>();

  async function rereadHost(id: string, conn: LibvirtConnection): Promise<void> {
    try {
      await cache.host(id, conn, true);
      ctx.bus.emit('inventory.invalidated', { connectionId: id });
    } catch (e) {
      if (!isConnectionLost(e)) ctx.log.warn(`connection ${id}: reading the machines' tags and notes failed`, e);
    }
  }

  async function rereadMachine(id: string, conn: LibvirtConnection, uuid: string): Promise<void> {
    const before = (await cache.host(id, conn, false).catch(() => [])).find((e) => e.uuid === uuid);
    const entry = await cache.machine(id, conn, uuid).catch(() => null);
    if (entry && !same(before, entry)) ctx.bus.emit('inventory.changed', entry);
  }

  function up(id: string, conn: LibvirtConnection): void {
    down(id);
    watches.set(
      id,
      conn
        .onDomainLifecycle((e) => void rereadMachine(id, conn, e.dom.uuid))
        .catch((e: unknown) => {
          ctx.log.warn(`connection ${id}: no lifecycle events for the inventory; it is re-read every ${REREAD_MS / 60_000} minutes`, e);
          return null;
        }),
    );
    void rereadHost(id, conn);
  }

  function down(id: string): void {
    const w = watches.get(id);
    watches.delete(id);
    cache.forget(id);
    if (w) void w.then((u) => u?.()).catch(() => undefined);
  }

  const offHosts = ctx.hosts.onHost({
    connected: up,
    lost: (id) => (down(id), ctx.bus.emit('inventory.invalidated', { connectionId: id })),
  });
  const timer = setInterval(() => {
    for (const id of ctx.hosts.connectedIds()) {
      const conn = ctx.hosts.tryClient(id);
      if (conn) void rereadHost(id, conn);
    }
  }, REREAD_MS);
  timer.unref();

  function wrote(entry: InventoryEntry): InventoryEntry {
    cache.put(entry);
    ctx.bus.emit('inventory.changed', entry);
    return entry;
  }

  return {
    handlers: {
      'inventory.list': async (i) => {
        const ids = i.connectionId !== undefined ? [i.connectionId] : ctx.hosts.connectedIds();
        const perHost = await Promise.all(
          ids.map(async (id) => {
            try {
              return await cache.host(id, ctx.hosts.client(id), i.refresh);
            } catch (e) {
              // For "every host", one that dropped out meanwhile is skipped; asked by name, it fails.
              if (i.connectionId === undefined && isConnectionLost(e)) return [];
              throw e;
            }
          }),
        );
        return perHost.flat();
      },
      'inventory.setTags': async (i) => wrote(await setTags(ctx.hosts.client(i.connectionId), i.connectionId, i.uuid, i.tags)),
      'inventory.setNote': async (i) => wrote(await setNote(ctx.hosts.client(i.connectionId), i.connectionId, i.uuid, i.note)),
    },
    close: () => {
      clearInterval(timer);
      offHosts();
      for (const id of [...watches.keys()]) down(id);
    },
  };
}
