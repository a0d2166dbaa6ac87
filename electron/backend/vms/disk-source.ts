/** Resolving where a new disk comes from: a new pool volume (created here), an existing one, or an ISO file. */
import type { NewDiskSource } from '../../../shared/contract/vm-config.js';
import { api, isNoStoragePool, isNoStorageVol, type Pool, type RpcCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { buildVolumeXml, parseVolume } from '../xml/index.js';
import { checked } from './common.js';

export interface ResolvedSource {
  path: string;
  format: 'qcow2' | 'raw';
  /** Set when this call created the volume: a failed attach deletes it again. */
  created: Vol | null;
}

export async function findPool(c: RpcCaller, name: string): Promise<Pool> {
  try {
    return await api.lookupStoragePoolByName(c, name);
  } catch (e) {
    if (isNoStoragePool(e)) throw new AppError('not-found', `There is no storage pool "${name}" on this host.`);
    throw e;
  }
}

export async function findVolume(c: RpcCaller, pool: Pool, name: string): Promise<Vol> {
  try {
    return await api.lookupStorageVolumeByName(c, pool, name);
  } catch (e) {
    if (isNoStorageVol(e)) throw new AppError('not-found', `The pool "${pool.name}" has no volume "${name}".`);
    throw e;
  }
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

function formatOf(volumeXml: string): 'qcow2' | 'raw' {
  return parseVolume(volumeXml).format === 'qcow2' ? 'qcow2' : 'raw';
}

async function createVolume(c: RpcCaller, s: Extract<NewDiskSource, { kind: 'new-volume' }>, defaultName: string): Promise<ResolvedSource> {
  const pool = await findPool(c, s.pool);
  if (!(await api.isStoragePoolActive(c, pool)))
    throw new AppError('operation-invalid', `The storage pool "${s.pool}" is not active: start it first.`);
  const name = s.volume ?? `${defaultName}.${s.format}`;
  const xml = checked(() => buildVolumeXml({ name, format: s.format, capacityBytes: s.capacityBytes }));
  await assertVolumeNameFree(c, pool, name);
  await api.refreshStoragePool(c, pool).catch(() => undefined);
  const { available } = await api.getStoragePoolInfo(c, pool);
  // A sparse volume would be created anyway; refusing here keeps a pool from being promised more than it holds.
  if (BigInt(s.capacityBytes) > available) {
    throw new AppError(
      'invalid-input',
      `The pool "${s.pool}" has ${available} bytes available: a ${s.capacityBytes}-byte volume does not fit.`,
    );
  }
  const vol = await api.createStorageVolume(c, pool, xml);
  return { path: await api.getStorageVolumePath(c, vol), format: s.format, created: vol };
}

/** The path and format of the disk to attach; `defaultName` names a new volume (without extension). */
export async function resolveDiskSource(c: RpcCaller, s: NewDiskSource, defaultName: string): Promise<ResolvedSource> {
  if (s.kind === 'new-volume') return createVolume(c, s, defaultName);
  if (s.kind === 'volume') {
    const vol = await findVolume(c, await findPool(c, s.pool), s.volume);
    const [path, xml] = await Promise.all([api.getStorageVolumePath(c, vol), api.getStorageVolumeXml(c, vol)]);
    return { path, format: formatOf(xml), created: null };
  }
  if (!s.path.startsWith('/')) throw new AppError('invalid-input', `"${s.path}" is not an absolute path to an ISO image.`);
  return { path: s.path, format: 'raw', created: null };
}
