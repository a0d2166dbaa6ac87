/**
 * Where an upload goes and whether it may: the checks that run before a single byte is sent
 * (name, empty file, the pool's free space, an existing volume's capacity), and the creation
 * of the volume sized to the file.
 */
import { volumeNameProblem, type UploadCheck } from '../../../../shared/contract/volume-transfer.js';
import { api, type Pool, type RpcCaller, type Vol } from '../../../libvirt/index.js';
import { findPool, lookupVolume } from '../find.js';
import { AppError } from '../../errors.js';
import { buildVolumeXml, XmlSpecError } from '../../xml/index.js';

export interface UploadTarget {
  pool: string;
  name: string;
  /** Bytes the file has. */
  size: number;
}

const MiB = 1024 * 1024;
function size(n: number): string {
  return n >= MiB ? `${(n / MiB).toFixed(1)} MiB` : `${n} bytes`;
}

/**
 * The preflight: null problem means go. The free-space check uses the file's full size even
 * when a sparse upload would need less: refusing up front beats running out half-way.
 */
export async function checkUpload(c: RpcCaller, t: UploadTarget): Promise<UploadCheck & { poolRef: Pool; vol: Vol | null }> {
  const nameProblem = volumeNameProblem(t.name);
  const poolRef = await findPool(c, t.pool);
  if (!(await api.isStoragePoolActive(c, poolRef))) {
    return {
      problem: `The pool "${t.pool}" is not active: start it first.`,
      exists: false,
      capacity: null,
      available: 0,
      poolRef,
      vol: null,
    };
  }
  // A pool's cached sizes can be stale (another client wrote to it): refresh before judging free space.
  await api.refreshStoragePool(c, poolRef).catch(() => undefined);
  const info = await api.getStoragePoolInfo(c, poolRef);
  const available = Number(info.available);
  const vol = nameProblem ? null : await lookupVolume(c, poolRef, t.name);
  const capacity = vol ? Number((await api.getStorageVolumeInfo(c, vol)).capacity) : null;
  const base = { exists: vol !== null, capacity, available, poolRef, vol };
  if (nameProblem) return { ...base, problem: `Invalid volume name "${t.name}": ${nameProblem}.` };
  if (t.size <= 0) return { ...base, problem: 'The file is empty (0 bytes): there is nothing to upload.' };
  if (capacity !== null && t.size > capacity) {
    return {
      ...base,
      problem: `The file (${size(t.size)}) is larger than the existing volume "${t.name}" (${size(capacity)}); choose another name.`,
    };
  }
  if (capacity === null && t.size > available) {
    return {
      ...base,
      problem: `The file (${size(t.size)}) does not fit in the pool "${t.pool}": ${size(available)} free.`,
    };
  }
  return { ...base, problem: null };
}

/**
 * A raw volume sized to the file: a byte container whatever the file holds (an ISO, or a
 * cloud image: a dir pool re-probes the content's format when refreshed).
 */
export async function createUploadVolume(c: RpcCaller, pool: Pool, name: string, sizeBytes: number): Promise<Vol> {
  let xml: string;
  try {
    xml = buildVolumeXml({ name, format: 'raw', capacityBytes: sizeBytes });
  } catch (e) {
    if (e instanceof XmlSpecError) throw new AppError('invalid-input', e.message);
    throw e;
  }
  return api.createStorageVolume(c, pool, xml);
}
