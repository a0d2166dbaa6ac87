/**
 * Checking a clone before anything is copied: the source must be shut off
 * (libvirt's full copy of a qcow2 in use is not consistent), the new name
 * free, every writable disk a pool volume whose copy's name is free, and
 * the pools roomy enough for the copies.
 */
import { api, DomainXmlFlags, isNoDomain, type Dom, type Pool, type RpcCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { buildCloneDomainXml, parseDomain, parseVolume } from '../xml/index.js';
import { checked, findDomain } from './common.js';
import { findDiskVolume } from './details-devices.js';
import { assertPoolsHaveRoom } from '../storage/find.js';
import { assertVolumeNameFree } from './disk-source.js';

export interface CopyStep {
  /** The disk's target, or "nvram". */
  target: string;
  source: Vol;
  pool: Pool;
  newName: string;
  format: 'qcow2' | 'raw';
  capacity: number;
  /** Bytes the source holds: what the copy has to write, roughly. */
  allocation: number;
}

export interface ClonePlan {
  source: Dom;
  sourceXml: string;
  newName: string;
  copies: CopyStep[];
  /** The source's NVRAM file when it is no pool volume: the clone gets a fresh store from libvirt's template. */
  freshNvram: boolean;
}

/** "web-1.qcow2" of web-1 becomes "web-2.qcow2"; a name without the machine's becomes "<new>-<target>.<ext>". */
function deriveVolumeName(volName: string, oldName: string, newName: string, target: string): string {
  if (volName.includes(oldName)) return volName.replace(oldName, newName);
  const dot = volName.lastIndexOf('.');
  return `${newName}-${target}${dot > 0 ? volName.slice(dot) : ''}`;
}

async function assertNameFree(c: RpcCaller, name: string): Promise<void> {
  const taken = await api.lookupDomainByName(c, name).then(
    () => true,
    (e: unknown) => {
      if (isNoDomain(e)) return false;
      throw e;
    },
  );
  if (taken) throw new AppError('conflict', `A machine named "${name}" already exists on this host.`);
}

async function copyStep(c: RpcCaller, target: string, vol: Vol, newName: string): Promise<CopyStep> {
  const model = parseVolume(await api.getStorageVolumeXml(c, vol));
  const info = await api.getStorageVolumeInfo(c, vol);
  return {
    target,
    source: vol,
    pool: await api.lookupStoragePoolByName(c, vol.pool),
    newName,
    format: model.format === 'qcow2' ? 'qcow2' : 'raw',
    capacity: Number(info.capacity),
    allocation: Number(info.allocation),
  };
}

export async function planVmClone(c: RpcCaller, uuid: string, newName: string): Promise<ClonePlan> {
  const dom = await findDomain(c, uuid);
  if (await api.isDomainActive(c, dom)) {
    throw new AppError(
      'operation-invalid',
      `"${dom.name}" is running: shut it down before cloning (a full copy of disks in use would not be consistent).`,
    );
  }
  const sourceXml = await api.getDomainXml(c, dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE);
  checked(() => buildCloneDomainXml(sourceXml, { name: newName, disks: {} }));
  await assertNameFree(c, newName);
  const model = parseDomain(sourceXml);
  const copies: CopyStep[] = [];
  for (const d of model.disks) {
    if (d.device !== 'disk' || d.readonly || d.shareable) continue;
    const vol = await findDiskVolume(c, d);
    if (!vol)
      throw new AppError(
        'unsupported',
        `Disk ${d.targetDev} (${d.path ?? 'no path'}) is not a volume of a storage pool: NovaCron copies disks only through libvirt's pools.`,
      );
    copies.push(await copyStep(c, d.targetDev, vol, deriveVolumeName(vol.name, dom.name, newName, d.targetDev)));
  }
  let freshNvram = false;
  if (model.os.nvram) {
    const vol = await api.lookupStorageVolumeByPath(c, model.os.nvram).catch(() => null);
    if (vol) copies.push(await copyStep(c, 'nvram', vol, deriveVolumeName(vol.name, dom.name, newName, 'nvram')));
    else freshNvram = true;
  }
  const names = copies.map((s) => `${s.pool.name}/${s.newName}`);
  if (new Set(names).size !== names.length) throw new AppError('conflict', `The copies' volume names would collide (${names.join(', ')}).`);
  for (const s of copies) await assertVolumeNameFree(c, s.pool, s.newName);
  await assertPoolsHaveRoom(
    c,
    copies.map((s) => ({ pool: s.pool, bytes: s.allocation })),
    'the copies',
  );
  return { source: dom, sourceXml, newName, copies, freshNvram };
}
