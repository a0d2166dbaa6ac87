/** Resolving where a new disk comes from: a new pool volume (created here), an existing one, or an ISO file. */
import type { NewDiskSource } from '../../../shared/contract/vm-config.js';
import { api, type RpcCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { findPool, findVolume } from '../storage/find.js';
import { createVolumeIn } from '../storage/volumes.js';
import { parseVolume } from '../xml/index.js';

export interface ResolvedSource {
  path: string;
  format: 'qcow2' | 'raw';
  /** Set when this call created the volume: a failed attach deletes it again. */
  created: Vol | null;
}

// Finding pools and volumes, and the checks on a new volume, are the storage core's (shared with the Storage area and the CLI).
export { assertVolumeNameFree, findPool, findVolume } from '../storage/find.js';

function formatOf(volumeXml: string): 'qcow2' | 'raw' {
  return parseVolume(volumeXml).format === 'qcow2' ? 'qcow2' : 'raw';
}

async function createVolume(c: RpcCaller, s: Extract<NewDiskSource, { kind: 'new-volume' }>, defaultName: string): Promise<ResolvedSource> {
  const name = s.volume ?? `${defaultName}.${s.format}`;
  const { volume, vol } = await createVolumeIn(c, await findPool(c, s.pool), { name, format: s.format, capacity: s.capacityBytes });
  return { path: volume.path, format: s.format, created: vol };
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
