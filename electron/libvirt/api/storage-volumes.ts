/** Storage volumes: list, look up, create, clone, delete, resize, info, XML, path, wipe. */
import type { Pool, Vol } from '../protocol/common.js';
import type { RpcCaller } from '../rpc/types.js';
import * as PP from '../protocol/storage-pool.js';
import * as P from '../protocol/storage-vol.js';
import { toU64 } from './util.js';

export interface VolInfo {
  /** VolType (FILE, BLOCK, DIR, NETWORK, NETDIR, PLOOP). */
  type: number;
  capacity: bigint;
  allocation: bigint;
}

/** The volumes of an active pool. */
export async function listStorageVolumes(c: RpcCaller, pool: Pool): Promise<Vol[]> {
  return (await c.call(PP.STORAGE_POOL_LIST_ALL_VOLUMES, { pool, needResults: true, flags: 0 })).vols;
}

export async function lookupStorageVolumeByName(c: RpcCaller, pool: Pool, name: string): Promise<Vol> {
  return (await c.call(P.STORAGE_VOL_LOOKUP_BY_NAME, { pool, name })).vol;
}

/** By its globally unique key (for file volumes, the path). */
export async function lookupStorageVolumeByKey(c: RpcCaller, key: string): Promise<Vol> {
  return (await c.call(P.STORAGE_VOL_LOOKUP_BY_KEY, { key })).vol;
}

export async function lookupStorageVolumeByPath(c: RpcCaller, path: string): Promise<Vol> {
  return (await c.call(P.STORAGE_VOL_LOOKUP_BY_PATH, { path })).vol;
}

/** Creates a volume from `<volume>` XML (VolCreateFlags). */
export async function createStorageVolume(c: RpcCaller, pool: Pool, xml: string, flags = 0): Promise<Vol> {
  return (await c.call(P.STORAGE_VOL_CREATE_XML, { pool, xml, flags })).vol;
}

/** Creates a volume in `pool` from XML, filled with a copy of `source` (VolCreateFlags). */
export async function cloneStorageVolume(c: RpcCaller, pool: Pool, xml: string, source: Vol, flags = 0): Promise<Vol> {
  return (await c.call(P.STORAGE_VOL_CREATE_XML_FROM, { pool, xml, clonevol: source, flags })).vol;
}

/** Deletes the volume (VolDeleteFlags: ZEROED, WITH_SNAPSHOTS). */
export async function deleteStorageVolume(c: RpcCaller, vol: Vol, flags = 0): Promise<void> {
  await c.call(P.STORAGE_VOL_DELETE, { vol, flags });
}

/** Sets the capacity in bytes (VolResizeFlags: ALLOCATE, DELTA, SHRINK). */
export async function resizeStorageVolume(c: RpcCaller, vol: Vol, capacity: number | bigint, flags = 0): Promise<void> {
  await c.call(P.STORAGE_VOL_RESIZE, { vol, capacity: toU64(capacity, 'capacity'), flags });
}

/** Type and sizes in bytes (VolInfoFlags.GET_PHYSICAL reports the physical size as allocation). */
export async function getStorageVolumeInfo(c: RpcCaller, vol: Vol, flags = 0): Promise<VolInfo> {
  return flags === 0 ? c.call(P.STORAGE_VOL_GET_INFO, { vol }) : c.call(P.STORAGE_VOL_GET_INFO_FLAGS, { vol, flags });
}

export async function getStorageVolumeXml(c: RpcCaller, vol: Vol): Promise<string> {
  return (await c.call(P.STORAGE_VOL_GET_XML_DESC, { vol, flags: 0 })).xml;
}

/** The volume's local path on the host. */
export async function getStorageVolumePath(c: RpcCaller, vol: Vol): Promise<string> {
  return (await c.call(P.STORAGE_VOL_GET_PATH, { vol })).name;
}

/** Overwrites the volume's data: zeros by default, or a VolWipeAlgorithm pattern. */
export async function wipeStorageVolume(c: RpcCaller, vol: Vol, algorithm?: number): Promise<void> {
  if (algorithm === undefined) await c.call(P.STORAGE_VOL_WIPE, { vol, flags: 0 });
  else await c.call(P.STORAGE_VOL_WIPE_PATTERN, { vol, algorithm, flags: 0 });
}
