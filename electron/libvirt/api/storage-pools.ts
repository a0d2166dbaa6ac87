/** Storage pools: list, look up, define/create, start/build/stop/delete/undefine, refresh, info, XML, autostart. */
import type { Pool, Vol } from '../protocol/common.js';
import type { RpcCaller } from '../rpc/types.js';
import * as P from '../protocol/storage-pool.js';
import { uuidBytes } from './util.js';

export interface PoolInfo {
  /** PoolState (INACTIVE, BUILDING, RUNNING, DEGRADED, INACCESSIBLE). */
  state: number;
  capacity: bigint;
  allocation: bigint;
  available: bigint;
}

/** Pools matching `flags` (PoolListFlags; 0 = all). */
export async function listAllStoragePools(c: RpcCaller, flags = 0): Promise<Pool[]> {
  return (await c.call(P.CONNECT_LIST_ALL_STORAGE_POOLS, { needResults: true, flags })).pools;
}

export async function lookupStoragePoolByName(c: RpcCaller, name: string): Promise<Pool> {
  return (await c.call(P.STORAGE_POOL_LOOKUP_BY_NAME, { name })).pool;
}

export async function lookupStoragePoolByUuid(c: RpcCaller, uuid: string | Uint8Array): Promise<Pool> {
  return (await c.call(P.STORAGE_POOL_LOOKUP_BY_UUID, { uuid: uuidBytes(uuid) })).pool;
}

/** The pool a volume lives in. */
export async function lookupStoragePoolByVolume(c: RpcCaller, vol: Vol): Promise<Pool> {
  return (await c.call(P.STORAGE_POOL_LOOKUP_BY_VOLUME, { vol })).pool;
}

/** Defines a persistent pool from XML (PoolDefineFlags.VALIDATE). */
export async function defineStoragePool(c: RpcCaller, xml: string, flags = 0): Promise<Pool> {
  return (await c.call(P.STORAGE_POOL_DEFINE_XML, { xml, flags })).pool;
}

/** Creates and starts a transient pool from XML (PoolCreateFlags). */
export async function createStoragePoolXml(c: RpcCaller, xml: string, flags = 0): Promise<Pool> {
  return (await c.call(P.STORAGE_POOL_CREATE_XML, { xml, flags })).pool;
}

/** Starts (activates) a defined pool (PoolCreateFlags: WITH_BUILD, ...). */
export async function startStoragePool(c: RpcCaller, pool: Pool, flags = 0): Promise<void> {
  await c.call(P.STORAGE_POOL_CREATE, { pool, flags });
}

/** Builds the pool's underlying storage, e.g. creates its directory (PoolBuildFlags). */
export async function buildStoragePool(c: RpcCaller, pool: Pool, flags = 0): Promise<void> {
  await c.call(P.STORAGE_POOL_BUILD, { pool, flags });
}

/** Stops (deactivates) the pool; its data stays. */
export async function stopStoragePool(c: RpcCaller, pool: Pool): Promise<void> {
  await c.call(P.STORAGE_POOL_DESTROY, { pool });
}

/** Deletes the pool's underlying storage (an inactive pool; PoolDeleteFlags). */
export async function deleteStoragePool(c: RpcCaller, pool: Pool, flags = 0): Promise<void> {
  await c.call(P.STORAGE_POOL_DELETE, { pool, flags });
}

export async function undefineStoragePool(c: RpcCaller, pool: Pool): Promise<void> {
  await c.call(P.STORAGE_POOL_UNDEFINE, { pool });
}

/** Rescans the pool's volumes. */
export async function refreshStoragePool(c: RpcCaller, pool: Pool): Promise<void> {
  await c.call(P.STORAGE_POOL_REFRESH, { pool, flags: 0 });
}

/** State and sizes in bytes. */
export async function getStoragePoolInfo(c: RpcCaller, pool: Pool): Promise<PoolInfo> {
  return c.call(P.STORAGE_POOL_GET_INFO, { pool });
}

/** Pool XML (StorageXmlFlags.INACTIVE for the persistent config). */
export async function getStoragePoolXml(c: RpcCaller, pool: Pool, flags = 0): Promise<string> {
  return (await c.call(P.STORAGE_POOL_GET_XML_DESC, { pool, flags })).xml;
}

export async function getStoragePoolAutostart(c: RpcCaller, pool: Pool): Promise<boolean> {
  return (await c.call(P.STORAGE_POOL_GET_AUTOSTART, { pool })).autostart;
}

export async function setStoragePoolAutostart(c: RpcCaller, pool: Pool, autostart: boolean): Promise<void> {
  await c.call(P.STORAGE_POOL_SET_AUTOSTART, { pool, autostart });
}

export async function isStoragePoolActive(c: RpcCaller, pool: Pool): Promise<boolean> {
  return (await c.call(P.STORAGE_POOL_IS_ACTIVE, { pool })).active;
}

export async function isStoragePoolPersistent(c: RpcCaller, pool: Pool): Promise<boolean> {
  return (await c.call(P.STORAGE_POOL_IS_PERSISTENT, { pool })).persistent;
}
