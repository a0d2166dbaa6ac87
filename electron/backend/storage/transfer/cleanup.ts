/**
 * After a failed or cancelled upload: the volume NovaCron created for it goes away, so no
 * half-written volume is left looking complete. If the connection itself died, the delete waits
 * for a caller that works: the same (reconnecting) connection, or a fresh one from `reopen`.
 */
import { api, isConnectionLost, isNoStorageVol, type RpcCaller, type Vol } from '../../../libvirt/index.js';

export interface CleanupOptions {
  /** A working caller when `c` is dead for good (the CLI's client does not reconnect). */
  reopen?: () => Promise<RpcCaller & { close?(): Promise<void> }>;
  /** How long to keep trying on a reconnecting connection; default 30 s. */
  retryForMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deletes `vol`; resolves with whether it is gone (already gone counts). Never throws. */
export async function deleteCreatedVolume(c: RpcCaller, vol: Vol, opts: CleanupOptions = {}): Promise<boolean> {
  const tryDelete = async (caller: RpcCaller): Promise<boolean> => {
    try {
      await api.deleteStorageVolume(caller, vol);
      return true;
    } catch (e) {
      if (!isNoStorageVol(e)) throw e;
      // "No such volume" may only mean the daemon's list is being rebuilt (a pool refresh clears it
      // first: virStoragePoolObjClearVols in storage_driver.c): re-read the pool, then ask again.
      const pool = await api.lookupStoragePoolByName(caller, vol.pool);
      await api.refreshStoragePool(caller, pool).catch(() => undefined);
      try {
        await api.deleteStorageVolume(caller, await api.lookupStorageVolumeByName(caller, pool, vol.name));
      } catch (again) {
        if (!isNoStorageVol(again)) throw again;
      }
      return true;
    }
  };
  const deadline = Date.now() + (opts.retryForMs ?? 30_000);
  for (;;) {
    try {
      return await tryDelete(c);
    } catch (e) {
      if (!isConnectionLost(e)) return false;
      if (opts.reopen) break;
      if (Date.now() > deadline) return false;
      await sleep(500);
    }
  }
  try {
    const fresh = await opts.reopen();
    try {
      return await tryDelete(fresh);
    } finally {
      await fresh.close?.().catch(() => undefined);
    }
  } catch {
    return false;
  }
}
