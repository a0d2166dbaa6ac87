/**
 * Volume steps the template operations share, over any caller: a name
 * check, a copy inside one pool with progress, and a delete that tolerates
 * a volume already gone.
 */
import { api, isNoStorageVol, type Pool, type RpcCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { checked } from '../vms/common.js';
import { buildVolumeXml } from '../xml/index.js';

const POLL_MS = 250;

export async function findVolume(c: RpcCaller, pool: Pool, name: string): Promise<Vol | null> {
  try {
    return await api.lookupStorageVolumeByName(c, pool, name);
  } catch (e) {
    if (isNoStorageVol(e)) return null;
    throw e;
  }
}

export async function assertVolumeFree(c: RpcCaller, pool: Pool, name: string): Promise<void> {
  if (await findVolume(c, pool, name)) throw new AppError('conflict', `The pool "${pool.name}" already has a volume named "${name}".`);
}

/** A qcow2 copy of `source` in `pool` (libvirt converts a raw source), reporting 0..1 from the new volume's allocation. */
export async function copyVolumeInPool(
  c: RpcCaller,
  pool: Pool,
  source: Vol,
  name: string,
  report: (fraction: number) => void,
): Promise<Vol> {
  const info = await api.getStorageVolumeInfo(c, source);
  const xml = checked(() => buildVolumeXml({ name, format: 'qcow2', capacityBytes: Number(info.capacity) }));
  const total = Math.max(1, Number(info.allocation));
  let done = false;
  const copy = api.cloneStorageVolume(c, pool, xml, source).finally(() => (done = true));
  const poll = (async () => {
    while (!done) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (done) break;
      const vol = await findVolume(c, pool, name).catch(() => null);
      if (vol) report(Math.min(1, Number((await api.getStorageVolumeInfo(c, vol).catch(() => ({ allocation: 0n }))).allocation) / total));
    }
  })();
  try {
    return await copy;
  } finally {
    await poll;
  }
}

/** Deletes a volume; one already gone counts as deleted. */
export async function deleteVolumeQuietly(c: RpcCaller, vol: Vol): Promise<void> {
  try {
    await api.deleteStorageVolume(c, vol);
  } catch (e) {
    if (!isNoStorageVol(e)) throw e;
  }
}

export async function findPool(c: RpcCaller, name: string): Promise<Pool> {
  try {
    return await api.lookupStoragePoolByName(c, name);
  } catch {
    throw new AppError('not-found', `There is no storage pool named "${name}" on that host.`);
  }
}
