/**
 * Storage pools over any RpcCaller (the backend feature hands in a host's live
 * connection, the CLI its own client): listing with sizes, start, stop,
 * autostart, refresh and delete. Creating one is in pool-create.ts.
 */
import { POOL_STATES } from '../../../shared/contract/storage.js';
import { api, isNoStoragePool, PoolDeleteFlags, uuidToString, type Pool, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { mapConcurrent } from '../util/concurrency.js';
import { parsePool, type PoolModel } from '../xml/index.js';
import { findPool } from './find.js';
import { readMachineXml } from './machines.js';
import { describePoolUsers, poolUsers } from './users.js';

/** A pool as the core reads it; the feature adds the host and the health line. */
export interface PoolRow {
  name: string;
  uuid: string;
  type: string;
  state: (typeof POOL_STATES)[number] | 'unknown';
  persistent: boolean;
  autostart: boolean;
  capacity: number;
  allocation: number;
  available: number;
  targetPath: string | null;
  source: string | null;
  volumeCount: number | null;
}

/** "nfs 10.0.0.5:/export", "vg0", "iscsi 10.0.0.9 iqn...": where the pool's storage comes from. */
function sourceText(m: PoolModel): string | null {
  const s = m.source;
  if (m.type === 'netfs' && s.host) return `${s.format ?? 'nfs'} ${s.host}:${s.dir ?? ''}`;
  if (m.type === 'logical') return s.name ? `volume group ${s.name}` : null;
  if (s.host) return `${s.host}${s.name ? `/${s.name}` : s.dir ? `:${s.dir}` : s.device ? ` ${s.device}` : ''}`;
  if (s.device) return s.device;
  if (s.name) return s.name;
  return null;
}

export async function readPoolRow(c: RpcCaller, pool: Pool): Promise<PoolRow> {
  const [info, persistent, autostart, xml] = await Promise.all([
    api.getStoragePoolInfo(c, pool),
    api.isStoragePoolPersistent(c, pool),
    api.getStoragePoolAutostart(c, pool),
    api.getStoragePoolXml(c, pool),
  ]);
  const model = parsePool(xml);
  const state = POOL_STATES[info.state] ?? 'unknown';
  const volumeCount = state === 'running' ? ((await api.listStorageVolumes(c, pool).catch(() => null))?.length ?? null) : null;
  return {
    name: pool.name,
    uuid: uuidToString(pool.uuid),
    type: model.type,
    state,
    persistent,
    autostart,
    capacity: Number(info.capacity),
    allocation: Number(info.allocation),
    available: Number(info.available),
    targetPath: model.targetPath ?? null,
    source: sourceText(model),
    volumeCount,
  };
}

/** Every pool of the host, by name. */
export async function listPools(c: RpcCaller): Promise<PoolRow[]> {
  const pools = await api.listAllStoragePools(c);
  const rows = await mapConcurrent(pools, 8, async (p) => {
    try {
      return await readPoolRow(c, p);
    } catch (e) {
      if (isNoStoragePool(e)) return null; // deleted since the listing
      throw e;
    }
  });
  return rows.filter((r): r is PoolRow => r !== null).sort((a, b) => a.name.localeCompare(b.name));
}

export async function readPool(c: RpcCaller, name: string): Promise<PoolRow> {
  return readPoolRow(c, await findPool(c, name));
}

export async function startPool(c: RpcCaller, name: string): Promise<PoolRow> {
  const pool = await findPool(c, name);
  if (await api.isStoragePoolActive(c, pool)) throw new AppError('operation-invalid', `The storage pool "${name}" is already running.`);
  await api.startStoragePool(c, pool);
  return readPoolRow(c, pool);
}

/** Stops the pool: its volumes stay, but no machine can use them until it is started again. */
export async function stopPool(c: RpcCaller, name: string): Promise<PoolRow> {
  const pool = await findPool(c, name);
  if (!(await api.isStoragePoolActive(c, pool))) throw new AppError('operation-invalid', `The storage pool "${name}" is not running.`);
  await api.stopStoragePool(c, pool);
  // A transient pool is gone once stopped.
  return readPoolRow(c, pool).catch((e: unknown) => {
    if (isNoStoragePool(e)) throw new AppError('not-found', `The storage pool "${name}" was transient: stopping it removed it.`);
    throw e;
  });
}

export async function setPoolAutostart(c: RpcCaller, name: string, autostart: boolean): Promise<PoolRow> {
  const pool = await findPool(c, name);
  if (!(await api.isStoragePoolPersistent(c, pool)))
    throw new AppError('operation-invalid', `The storage pool "${name}" is transient: only a defined pool can start with the host.`);
  await api.setStoragePoolAutostart(c, pool, autostart);
  return readPoolRow(c, pool);
}

/** Re-reads the pool's storage (new or removed files, sizes). */
export async function refreshPool(c: RpcCaller, name: string): Promise<PoolRow> {
  const pool = await findPool(c, name);
  if (!(await api.isStoragePoolActive(c, pool)))
    throw new AppError('operation-invalid', `The storage pool "${name}" is not running: start it to refresh it.`);
  await api.refreshStoragePool(c, pool);
  return readPoolRow(c, pool);
}

export interface PoolDeleteResult {
  deleted: string;
  volumesDeleted: string[];
}

/**
 * Stops and undefines the pool; with `deleteVolumes` it first deletes its
 * volumes and then its storage (libvirt's pool-delete: the directory of a dir
 * pool, the volume group of a logical one). Refused while a defined machine
 * uses any of its volumes, naming them, and nothing is changed then.
 */
export async function deletePool(c: RpcCaller, name: string, deleteVolumes: boolean): Promise<PoolDeleteResult> {
  const pool = await findPool(c, name);
  const [active, persistent, model] = await Promise.all([
    api.isStoragePoolActive(c, pool),
    api.isStoragePoolPersistent(c, pool),
    api.getStoragePoolXml(c, pool).then(parsePool),
  ]);
  const vols = active ? await api.listStorageVolumes(c, pool) : [];
  const paths = await Promise.all(vols.map((v) => api.getStorageVolumePath(c, v).catch(() => '')));
  const users = poolUsers(await readMachineXml(c), { name, targetPath: model.targetPath ?? null, volumePaths: paths.filter((p) => p) });
  if (users.length > 0)
    throw new AppError('conflict', `The storage pool "${name}" is in use by ${describePoolUsers(users)}: remove those disks first.`);
  if (deleteVolumes && !active)
    throw new AppError(
      'operation-invalid',
      `The storage pool "${name}" is not running: start it so its volumes can be listed and deleted.`,
    );
  const volumesDeleted: string[] = [];
  if (deleteVolumes) {
    for (const v of vols) {
      await api.deleteStorageVolume(c, v);
      volumesDeleted.push(v.name);
    }
  }
  if (active) await api.stopStoragePool(c, pool);
  if (deleteVolumes && persistent) await api.deleteStoragePool(c, pool, PoolDeleteFlags.NORMAL);
  if (persistent) await api.undefineStoragePool(c, pool);
  return { deleted: name, volumesDeleted: volumesDeleted.sort() };
}
