/**
 * Volumes of a pool over any RpcCaller: listing with the machines using each,
 * create (qcow2 or raw, optionally an overlay of another volume), resize
 * (shrinking only when asked), delete (refused while in use unless forced)
 * and clone. The machine workspace's new disks come through createVolume too.
 */
import type { Volume, VolumeUser } from '../../../shared/contract/storage.js';
import { api, isNoStorageVol, VolResizeFlags, type Pool, type RpcCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { mapConcurrent } from '../util/concurrency.js';
import { buildVolumeXml, parseVolume, type VolumeModel } from '../xml/index.js';
import { assertFits, assertPoolActive, assertVolumeNameFree, checkedXml, findPool, findVolume } from './find.js';
import { readMachineXml } from './machines.js';
import { readPoolRow, type PoolRow } from './pools.js';
import { describeUsers, volumeUsers, type MachineXml, type VolumeRef } from './users.js';

type Format = 'qcow2' | 'raw';

interface ReadVolume {
  vol: Vol;
  model: VolumeModel;
  path: string;
}

async function readOne(c: RpcCaller, vol: Vol): Promise<ReadVolume> {
  const model = parseVolume(await api.getStorageVolumeXml(c, vol));
  return { vol, model, path: model.targetPath ?? (await api.getStorageVolumePath(c, vol)) };
}

function toVolume(r: ReadVolume, usedBy: VolumeUser[]): Volume {
  return {
    pool: r.vol.pool,
    name: r.vol.name,
    key: r.vol.key,
    path: r.path,
    type: r.model.type,
    format: r.model.format ?? '',
    capacity: r.model.capacityBytes ?? 0,
    allocation: r.model.allocationBytes ?? 0,
    backingPath: r.model.backingStore?.path ?? null,
    usedBy,
  };
}

const refOf = (r: ReadVolume): VolumeRef => ({
  pool: r.vol.pool,
  name: r.vol.name,
  path: r.path,
  backingPath: r.model.backingStore?.path ?? null,
});

async function readAll(c: RpcCaller, pool: Pool): Promise<ReadVolume[]> {
  const vols = await api.listStorageVolumes(c, pool);
  const read = await mapConcurrent(vols, 16, async (v) => {
    try {
      return await readOne(c, v);
    } catch (e) {
      if (isNoStorageVol(e)) return null; // deleted since the listing
      throw e;
    }
  });
  return read.filter((r): r is ReadVolume => r !== null).sort((a, b) => a.vol.name.localeCompare(b.vol.name));
}

/** The users of one volume, seen with all of its pool (an overlay's machines use its backing volume too). */
async function usersOf(
  c: RpcCaller,
  pool: Pool,
  name: string,
  machines?: MachineXml[],
): Promise<{ users: VolumeUser[]; machines: MachineXml[] }> {
  const [all, m] = await Promise.all([readAll(c, pool), machines ? Promise.resolve(machines) : readMachineXml(c)]);
  return { users: volumeUsers(m, all.map(refOf)).get(name) ?? [], machines: m };
}

function runningUsers(users: readonly VolumeUser[], machines: readonly MachineXml[]): VolumeUser[] {
  const running = new Set(machines.filter((m) => m.running).map((m) => m.uuid));
  return users.filter((u) => running.has(u.uuid));
}

export interface VolumeListing {
  pool: PoolRow;
  volumes: Volume[];
  /** Set when `refresh` was asked and libvirt could not re-read the pool (the listing is libvirt's last one). */
  refreshError: string | null;
}

/** The pool's volumes with their users; `refresh` re-reads the pool's storage first (new files appear). */
export async function listVolumes(c: RpcCaller, poolName: string, opts: { refresh?: boolean } = {}): Promise<VolumeListing> {
  const pool = await findPool(c, poolName);
  let refreshError: string | null = null;
  const active = await api.isStoragePoolActive(c, pool);
  if (opts.refresh && active) {
    await api.refreshStoragePool(c, pool).catch((e: unknown) => {
      refreshError = e instanceof Error ? e.message : String(e);
    });
  }
  if (!active) return { pool: await readPoolRow(c, pool), volumes: [], refreshError };
  const [all, machines, row] = await Promise.all([readAll(c, pool), readMachineXml(c), readPoolRow(c, pool)]);
  const users = volumeUsers(machines, all.map(refOf));
  return { pool: row, volumes: all.map((r) => toVolume(r, users.get(r.vol.name) ?? [])), refreshError };
}

export interface VolumeCreateSpec {
  name: string;
  format: Format;
  capacity: number;
  /** Name of a volume of the same pool to overlay (qcow2 only). */
  backing?: string | undefined;
}

/** Creates a volume after checking its name, format, size and the pool's free space. Returns it and its handle. */
export async function createVolumeIn(c: RpcCaller, pool: Pool, spec: VolumeCreateSpec): Promise<{ volume: Volume; vol: Vol }> {
  await assertPoolActive(c, pool);
  let backing: { path: string; format: Format } | undefined;
  if (spec.backing !== undefined) {
    if (spec.format !== 'qcow2') throw new AppError('invalid-input', 'Only a qcow2 volume can be an overlay of a backing volume.');
    const b = await readOne(c, await findVolume(c, pool, spec.backing));
    const format = b.model.format;
    if (format !== 'qcow2' && format !== 'raw')
      throw new AppError(
        'invalid-input',
        `The backing volume "${spec.backing}" is ${format ?? 'of no known format'}: only qcow2 or raw can back an overlay.`,
      );
    backing = { path: b.path, format };
  }
  const xml = checkedXml(() =>
    buildVolumeXml({ name: spec.name, format: spec.format, capacityBytes: spec.capacity, ...(backing ? { backing } : {}) }),
  );
  await assertVolumeNameFree(c, pool, spec.name);
  await assertFits(c, pool, spec.capacity, `a volume of ${spec.capacity} bytes`);
  const vol = await api.createStorageVolume(c, pool, xml);
  return { volume: toVolume(await readOne(c, vol), []), vol };
}

export async function createVolume(c: RpcCaller, poolName: string, spec: VolumeCreateSpec): Promise<Volume> {
  return (await createVolumeIn(c, await findPool(c, poolName), spec)).volume;
}

const SHRINKABLE = new Set(['raw', 'qcow2']);

/**
 * Sets the volume's capacity. Growing checks the pool's free space; shrinking
 * needs `shrink` (data past the new end is lost) and a format that allows it.
 * Refused while a running machine uses the volume: resize its disk instead.
 */
export async function resizeVolume(c: RpcCaller, poolName: string, name: string, capacity: number, shrink: boolean): Promise<Volume> {
  const pool = await findPool(c, poolName);
  await assertPoolActive(c, pool);
  const r = await readOne(c, await findVolume(c, pool, name));
  const current = r.model.capacityBytes ?? 0;
  if (capacity === current) throw new AppError('operation-invalid', `The volume "${name}" already has ${capacity} bytes.`);
  const { users, machines } = await usersOf(c, pool, name);
  const live = runningUsers(users, machines);
  if (live.length > 0)
    throw new AppError(
      'conflict',
      `The volume "${name}" is in use by the running machine ${describeUsers(live)}: resize the machine's disk, or shut it down first.`,
    );
  if (capacity < current) {
    if (!shrink)
      throw new AppError(
        'invalid-input',
        `${capacity} bytes is less than the volume's ${current}: shrinking loses the data past the new end; confirm it with shrink.`,
        {
          issues: [{ path: 'capacity', message: 'smaller than now: needs the shrink confirmation' }],
        },
      );
    const format = r.model.format ?? '';
    if (!SHRINKABLE.has(format))
      throw new AppError('unsupported', `A ${format || 'volume of this'} format cannot be shrunk; only raw and qcow2 can.`);
  } else {
    await assertFits(c, pool, capacity - current, `growing by ${capacity - current} bytes`);
  }
  await api.resizeStorageVolume(c, r.vol, capacity, capacity < current ? VolResizeFlags.SHRINK : 0);
  return toVolume(await readOne(c, r.vol), users);
}

/** Deletes the volume; refused while a machine uses it (by name), unless `force`. Returns its name. */
export async function deleteVolume(c: RpcCaller, poolName: string, name: string, force: boolean): Promise<string> {
  const pool = await findPool(c, poolName);
  await assertPoolActive(c, pool);
  const vol = await findVolume(c, pool, name);
  const { users } = await usersOf(c, pool, name);
  if (users.length > 0 && !force)
    throw new AppError('conflict', `The volume "${name}" is in use by ${describeUsers(users)}: detach it first, or force the delete.`);
  await api.deleteStorageVolume(c, vol);
  return name;
}

/** A full copy of the volume into the same pool under `newName`; refused while a running machine writes to it. */
export async function cloneVolume(c: RpcCaller, poolName: string, name: string, newName: string): Promise<Volume> {
  const pool = await findPool(c, poolName);
  await assertPoolActive(c, pool);
  const src = await readOne(c, await findVolume(c, pool, name));
  const format = src.model.format;
  if (format !== 'qcow2' && format !== 'raw')
    throw new AppError('unsupported', `NovaCron clones qcow2 and raw volumes; "${name}" is ${format ?? 'of no known format'}.`);
  const xml = checkedXml(() => buildVolumeXml({ name: newName, format, capacityBytes: src.model.capacityBytes ?? 1 }));
  await assertVolumeNameFree(c, pool, newName);
  const { users, machines } = await usersOf(c, pool, name);
  const live = runningUsers(users, machines);
  if (live.length > 0)
    throw new AppError(
      'conflict',
      `The volume "${name}" is in use by the running machine ${describeUsers(live)}: a copy now would be torn; shut it down first.`,
    );
  await assertFits(c, pool, src.model.allocationBytes ?? src.model.capacityBytes ?? 0, `a copy of "${name}"`);
  const vol = await api.cloneStorageVolume(c, pool, xml, src.vol);
  return toVolume(await readOne(c, vol), []);
}
