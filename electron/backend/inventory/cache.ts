/**
 * The inventory of every connected host, kept in memory: read whole when a
 * host connects (and every few minutes, since another workstation's edits
 * bring no lifecycle event), one machine again after a lifecycle event (a
 * define or undefine included), and updated directly after our own writes.
 */
import type { InventoryEntry } from '../../../shared/contract/inventory.js';
import { isConnectionLost, type RpcCaller } from '../../libvirt/index.js';
import type { Logger } from '../log.js';
import { readHostInventory, readMachineInventory } from './core.js';

export interface InventoryCache {
  /** The host's entries, read now if not cached (or if `fresh`). */
  host(connectionId: string, c: RpcCaller, fresh: boolean): Promise<InventoryEntry[]>;
  /** Re-reads one machine; returns its entry, or null when it is gone (and forgets it). */
  machine(connectionId: string, c: RpcCaller, uuid: string): Promise<InventoryEntry | null>;
  put(entry: InventoryEntry): void;
  forget(connectionId: string): void;
}

export function createInventoryCache(log: Logger): InventoryCache {
  const hosts = new Map<string, Map<string, InventoryEntry>>();
  // One whole-host read at a time per host: callers arriving meanwhile share it.
  const reading = new Map<string, Promise<InventoryEntry[]>>();

  function readHost(connectionId: string, c: RpcCaller): Promise<InventoryEntry[]> {
    const inFlight = reading.get(connectionId);
    if (inFlight) return inFlight;
    const p = readHostInventory(c, connectionId)
      .then((entries) => {
        hosts.set(connectionId, new Map(entries.map((e) => [e.uuid, e])));
        return entries;
      })
      .finally(() => reading.delete(connectionId));
    reading.set(connectionId, p);
    return p;
  }

  return {
    async host(connectionId, c, fresh) {
      const cached = hosts.get(connectionId);
      if (cached && !fresh) return [...cached.values()];
      return readHost(connectionId, c);
    },
    async machine(connectionId, c, uuid) {
      const table = hosts.get(connectionId);
      try {
        const entry = await readMachineInventory(c, connectionId, uuid);
        table?.set(entry.uuid, entry);
        return entry;
      } catch (e) {
        if (isConnectionLost(e)) throw e;
        if (!(e instanceof Error && 'code' in e && e.code === 'not-found')) log.warn(`re-reading the inventory of ${uuid} failed`, e);
        table?.delete(uuid);
        return null;
      }
    },
    put(entry) {
      hosts.get(entry.connectionId)?.set(entry.uuid, entry);
    },
    forget: (connectionId) => void hosts.delete(connectionId),
  };
}
