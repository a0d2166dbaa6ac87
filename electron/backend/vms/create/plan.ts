/**
 * Checking a creation request against the host before anything is made:
 * the name is free and valid, the accelerator and firmware exist, vCPUs and
 * memory fit the host, every pool, volume and network named exists, new
 * volume names are free and each pool has room for what goes into it. The
 * plan says exactly which volumes the run creates (and so deletes again on
 * failure) and the seed image's bytes.
 */
import { randomUUID } from 'node:crypto';
import type { CreateDiskInput, CreateVmInput } from '../../../../shared/contract/vm-create.js';
import { api, isNoDomain, isNoNetwork, type Pool, type RpcCaller } from '../../../libvirt/index.js';
import { AppError } from '../../errors.js';
import { buildVolumeXml, parseVolume } from '../../xml/index.js';
import { checked } from '../common.js';
import { assertVolumeNameFree, findPool, findVolume } from '../disk-source.js';
import { assertPoolsHaveRoom } from '../../storage/find.js';
import { buildSeedImage } from './cloud-init.js';
import { buildMachineXml, type MachineShape } from './definition.js';
import { readHostFacts, type VirtTypeFacts } from './host-facts.js';

/** A volume the run creates: for the disk, or a seed to upload. */
export interface VolumeStep {
  pool: Pool;
  name: string;
  xml: string;
  capacityBytes: number;
  format: 'qcow2' | 'raw';
  /** Bytes uploaded into it after creation (the cloud-init seed). */
  upload?: Buffer;
}

export type DevicePlan = { kind: 'existing'; path: string; format: 'qcow2' | 'raw' } | { kind: 'new'; step: VolumeStep };

export interface CreatePlan {
  name: string;
  uuid: string;
  virt: VirtTypeFacts;
  vcpus: number;
  memoryMiB: number;
  firmware: 'bios' | 'efi';
  disk: DevicePlan | null;
  cdroms: DevicePlan[];
  bootFirst: MachineShape['bootFirst'];
  network: string | null;
  start: boolean;
}

const MiB = 1024 * 1024;
const fmt = (f: string | undefined): 'qcow2' | 'raw' => (f === 'qcow2' ? 'qcow2' : 'raw');

async function assertNameFree(c: RpcCaller, name: string): Promise<void> {
  const taken = await api.lookupDomainByName(c, name).then(
    () => true,
    (e: unknown) => {
      if (isNoDomain(e)) return false;
      throw e;
    },
  );
  if (taken) throw new AppError('conflict', `A machine named "${name}" already exists on this host: pick another name.`);
}

async function activePool(c: RpcCaller, name: string): Promise<Pool> {
  const pool = await findPool(c, name);
  if (!(await api.isStoragePoolActive(c, pool)))
    throw new AppError('operation-invalid', `The storage pool "${name}" is not active: start it first.`);
  return pool;
}

async function existingVolume(c: RpcCaller, poolName: string, volName: string) {
  const vol = await findVolume(c, await activePool(c, poolName), volName);
  const [path, xml] = await Promise.all([api.getStorageVolumePath(c, vol), api.getStorageVolumeXml(c, vol)]);
  const model = parseVolume(xml);
  return { path, format: fmt(model.format), capacityBytes: model.capacityBytes ?? 0 };
}

async function newVolume(
  c: RpcCaller,
  poolName: string,
  name: string,
  capacityBytes: number,
  format: 'qcow2' | 'raw',
  extra: { backing?: { path: string; format: 'qcow2' | 'raw' }; upload?: Buffer } = {},
): Promise<VolumeStep> {
  const pool = await activePool(c, poolName);
  const xml = checked(() => buildVolumeXml({ name, format, capacityBytes, ...(extra.backing ? { backing: extra.backing } : {}) }));
  await assertVolumeNameFree(c, pool, name);
  return { pool, name, xml, capacityBytes, format, ...(extra.upload ? { upload: extra.upload } : {}) };
}

async function planDisk(c: RpcCaller, name: string, uuid: string, d: CreateDiskInput) {
  switch (d.kind) {
    case 'none':
      return { disk: null, cdroms: [], bootFirst: 'network' as const };
    case 'volume': {
      const v = await existingVolume(c, d.pool, d.volume);
      return { disk: { kind: 'existing' as const, path: v.path, format: v.format }, cdroms: [], bootFirst: 'hd' as const };
    }
    case 'new-volume': {
      const step = await newVolume(c, d.pool, `${name}.${d.format}`, d.capacityBytes, d.format);
      return { disk: { kind: 'new' as const, step }, cdroms: [], bootFirst: 'hd' as const };
    }
    case 'iso': {
      const iso = await existingVolume(c, d.isoPool, d.isoVolume);
      const step = await newVolume(c, d.pool, `${name}.${d.format}`, d.capacityBytes, d.format);
      return {
        disk: { kind: 'new' as const, step },
        cdroms: [{ kind: 'existing' as const, path: iso.path, format: 'raw' as const }],
        bootFirst: 'cdrom' as const,
      };
    }
    case 'cloud-image': {
      const image = await existingVolume(c, d.pool, d.image);
      const capacity = d.capacityBytes ?? image.capacityBytes;
      if (capacity < image.capacityBytes)
        throw new AppError(
          'invalid-input',
          `The disk cannot be smaller than its image "${d.image}" (${Math.ceil(image.capacityBytes / MiB)} MiB).`,
        );
      const overlay = await newVolume(c, d.pool, `${name}.qcow2`, capacity, 'qcow2', {
        backing: { path: image.path, format: image.format },
      });
      const seedBytes = buildSeedImage(d.cloudInit, { instanceId: uuid, networkConfig: true });
      const seed = await newVolume(c, d.pool, `${name}-cidata.iso`, seedBytes.length, 'raw', { upload: seedBytes });
      return { disk: { kind: 'new' as const, step: overlay }, cdroms: [{ kind: 'new' as const, step: seed }], bootFirst: 'hd' as const };
    }
  }
}

function pickVirt(virtTypes: VirtTypeFacts[], wanted: CreateVmInput['virtType']): VirtTypeFacts {
  if (virtTypes.length === 0)
    throw new AppError('unsupported', 'This host reports no QEMU domain capabilities: NovaCron cannot create machines on it.');
  if (!wanted) return virtTypes[0]!;
  const v = virtTypes.find((x) => x.type === wanted);
  if (!v) throw new AppError('invalid-input', `This host has no ${wanted === 'kvm' ? 'KVM' : 'QEMU (TCG)'} accelerator.`);
  return v;
}

export async function planVmCreate(c: RpcCaller, req: Omit<CreateVmInput, 'connectionId'>): Promise<CreatePlan> {
  const uuid = randomUUID();
  const facts = await readHostFacts(c);
  const virt = pickVirt(facts.virtTypes, req.virtType);
  if (!Number.isInteger(req.vcpus) || req.vcpus < 1) throw new AppError('invalid-input', 'A machine needs at least 1 vCPU.');
  if (virt.maxVcpus !== null && req.vcpus > virt.maxVcpus)
    throw new AppError('invalid-input', `This host's ${virt.type} machines take at most ${virt.maxVcpus} vCPUs, not ${req.vcpus}.`);
  if (!Number.isInteger(req.memoryKiB) || req.memoryKiB < 16 * 1024 || req.memoryKiB % 1024 !== 0)
    throw new AppError('invalid-input', 'Memory must be a whole number of MiB (a multiple of 1024 KiB), at least 16 MiB.');
  if (req.memoryKiB > facts.memoryKiB)
    throw new AppError(
      'invalid-input',
      `The host has ${Math.floor(facts.memoryKiB / 1024)} MiB of memory: a machine of ${req.memoryKiB / 1024} MiB does not fit.`,
    );
  if (!virt.firmwares.includes(req.firmware))
    throw new AppError('invalid-input', 'This host has no UEFI firmware (OVMF) for its machines: use BIOS.');
  // The name's own rules (no "/", no control characters...) before asking libvirt about it.
  const shapeOf = (disk: MachineShape['disk'], cdroms: string[], bootFirst: MachineShape['bootFirst']): MachineShape => ({
    name: req.name,
    uuid,
    virt,
    vcpus: req.vcpus,
    memoryMiB: req.memoryKiB / 1024,
    firmware: req.firmware,
    disk,
    cdroms,
    bootFirst,
    network: req.network ?? null,
  });
  checked(() => buildMachineXml(shapeOf(null, [], 'hd')));
  await assertNameFree(c, req.name);
  if (req.network) {
    const net = await api.lookupNetworkByName(c, req.network).catch((e: unknown) => {
      if (isNoNetwork(e)) throw new AppError('not-found', `There is no network "${req.network}" on this host.`);
      throw e;
    });
    if (req.start && !(await api.isNetworkActive(c, net)))
      throw new AppError('operation-invalid', `The network "${req.network}" is not active: start it first, or create without starting.`);
  }
  const d = await planDisk(c, req.name, uuid, req.disk);
  const cdroms: DevicePlan[] = [...d.cdroms];
  if (req.cdrom) {
    const v = await existingVolume(c, req.cdrom.pool, req.cdrom.volume);
    cdroms.unshift({ kind: 'existing', path: v.path, format: 'raw' });
  }
  const bootFirst = req.cdrom && req.disk.kind !== 'cloud-image' ? 'cdrom' : d.bootFirst;
  const steps = [d.disk, ...cdroms].flatMap((p) => (p?.kind === 'new' ? [p.step] : []));
  await assertPoolsHaveRoom(
    c,
    steps.map((s) => ({ pool: s.pool, bytes: s.capacityBytes })),
    'the new volumes',
  );
  // The whole definition once more with stand-in paths: a bad combination fails here, not after the volumes exist.
  checked(() =>
    buildMachineXml(
      shapeOf(
        d.disk ? { path: '/plan/disk', format: 'qcow2' } : null,
        cdroms.map((_, i) => `/plan/cd${i}`),
        bootFirst,
      ),
    ),
  );
  return {
    name: req.name,
    uuid,
    virt,
    vcpus: req.vcpus,
    memoryMiB: req.memoryKiB / 1024,
    firmware: req.firmware,
    disk: d.disk,
    cdroms,
    bootFirst,
    network: req.network ?? null,
    start: req.start,
  };
}
