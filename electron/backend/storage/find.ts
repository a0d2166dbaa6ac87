/**
 * Finding pools and volumes by name with errors a person can act on, and the
 * checks every volume-making path shares (the machine workspace's new disks
 * too, see vms/disk-source.ts).
 */
import { api, isNoStoragePool, isNoStorageVol, type Pool, type RpcCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { XmlParseError, XmlSpecError } from '../xml/index.js';

export async function findPool(c: RpcCaller, name: string): Promise<Pool> {
  try {
    return await api.lookupStoragePoolByName(c, name);
  } catch (e) {
    if (isNoStoragePool(e)) throw new AppError('not-found', `There is no storage pool "${name}" on this host.`);
    throw e;
  }
}

/** The volume, or null when the pool has none of that name. */
export async function lookupVolume(c: RpcCaller, pool: Pool, name: string): Promise<Vol | null> {
  try {
    return await api.lookupStorageVolumeByName(c, pool, name);
  } catch (e) {
    if (isNoStorageVol(e)) return null;
    throw e;
  }
}

export async function findVolume(c: RpcCaller, pool: Pool, name: string): Promise<Vol> {
  const vol = await lookupVolume(c, pool, name);
  if (!vol) throw new AppError('not-found', `The pool "${pool.name}" has no volume "${name}".`);
  return vol;
}

/** Fails with "conflict" when the pool already holds a volume of that name. */
export async function assertVolumeNameFree(c: RpcCaller, pool: Pool, name: string): Promise<void> {
  const taken = await api.lookupStorageVolumeByName(c, pool, name).then(
    () => true,
    (e: unknown) => {
      if (isNoStorageVol(e)) return false;
      throw e;
    },
  );
  if (taken) throw new AppError('conflict', `The pool "${pool.name}" already has a volume named "${name}".`);
}

/** Fails with "operation-invalid" unless the pool is running (libvirt lists and makes volumes only then). */
export async function assertPoolActive(c: RpcCaller, pool: Pool): Promise<void> {
  if (!(await api.isStoragePoolActive(c, pool)))
    throw new AppError('operation-invalid', `The storage pool "${pool.name}" is not active: start it first.`);
}

/**
 * Refuses `bytes` more than the pool has free (after a refresh, so the figure
 * is today's). A sparse volume would be created anyway; refusing keeps a pool
 * from being promised more than it holds.
 */
export async function assertFits(c: RpcCaller, pool: Pool, bytes: number, what: string): Promise<void> {
  await api.refreshStoragePool(c, pool).catch(() => undefined);
  const { available } = await api.getStoragePoolInfo(c, pool);
  if (BigInt(bytes) > available) {
    throw new AppError(
      'invalid-input',
      `The pool "${pool.name}" has ${available} bytes available: ${what} (${bytes} bytes) does not fit.`,
      {
        issues: [{ path: 'capacity', message: `more than the ${available} bytes available` }],
      },
    );
  }
}

/** Runs `fn`, turning the XML module's refusals (a bad name, path...) into invalid-input. */
export function checkedXml<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof XmlSpecError || e instanceof XmlParseError) throw new AppError('invalid-input', e.message);
    throw e;
  }
}

const MIB = 1024 * 1024;

/**
 * Fails with "invalid-input" when a pool cannot hold what is about to go into it, summed per
 * pool (sparse volumes too: a pool is not promised more than it has). `what` names the load,
 * e.g. "the new volumes" or "the copies". Each pool is refreshed first: another client may
 * have written to it since libvirt last looked.
 */
export async function assertPoolsHaveRoom(c: RpcCaller, needs: Iterable<{ pool: Pool; bytes: number }>, what: string): Promise<void> {
  const byPool = new Map<string, { pool: Pool; bytes: number }>();
  for (const n of needs) {
    const e = byPool.get(n.pool.name) ?? { pool: n.pool, bytes: 0 };
    e.bytes += n.bytes;
    byPool.set(n.pool.name, e);
  }
  for (const { pool, bytes } of byPool.values()) {
    await api.refreshStoragePool(c, pool).catch(() => undefined);
    const available = Number((await api.getStoragePoolInfo(c, pool)).available);
    if (bytes > available) {
      throw new AppError(
        'invalid-input',
        `The pool "${pool.name}" has ${Math.floor(available / MIB)} MiB available: ${what} (${Math.ceil(bytes / MIB)} MiB) do not fit.`,
      );
    }
  }
}
