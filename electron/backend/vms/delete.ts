/**
 * Deleting a machine: the plan lists exactly which volumes a delete with
 * storage removes (disk volumes of a pool, not read-only, not shared with
 * another machine; never CD-ROM images), and the delete takes that list back
 * and refuses if the plan has changed since. libvirt's undefine is asked to
 * drop the managed save image, snapshot and checkpoint metadata and the NVRAM
 * file with it, which it otherwise refuses or leaves behind.
 */
import type { DeleteOutput, DeletePlan } from '../../../shared/contract/vm-lifecycle.js';
import { api, isNoDomain, UndefineFlags, uuidToString, type Dom, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import { mapConcurrent } from '../util/concurrency.js';
import { parseDomain } from '../xml/index.js';
import { findDomain, readModel } from './common.js';
import { findDiskVolume } from './details-devices.js';

/** Paths of the disks of every other domain on the host, with the domain's name. */
async function diskPathsOfOthers(c: RpcCaller, self: Dom): Promise<Map<string, string>> {
  const others = (await api.listAllDomains(c)).filter((d) => uuidToString(d.uuid) !== uuidToString(self.uuid));
  const used = new Map<string, string>();
  await mapConcurrent(others, 16, async (d) => {
    try {
      for (const disk of parseDomain(await api.getDomainXml(c, d, 2)).disks) if (disk.path) used.set(disk.path, d.name);
    } catch (e) {
      if (!isNoDomain(e)) throw e;
    }
  });
  return used;
}

export async function planVmDelete(c: RpcCaller, uuid: string): Promise<DeletePlan> {
  const dom = await findDomain(c, uuid);
  const [running, persistent, managedSave, snapshots] = await Promise.all([
    api.isDomainActive(c, dom),
    api.isDomainPersistent(c, dom),
    api.hasManagedSaveImage(c, dom).catch(() => false),
    api.listSnapshots(c, dom).then(
      (s) => s.length,
      () => 0,
    ),
  ]);
  const model = await readModel(c, dom, persistent);
  const others = await diskPathsOfOthers(c, dom);
  const plan: DeletePlan = {
    name: dom.name,
    uuid: uuidToString(dom.uuid),
    running,
    persistent,
    volumes: [],
    kept: [],
    nvram: model.os.nvram ?? null,
    snapshots,
    managedSave,
  };
  for (const d of model.disks) {
    const keep = (reason: string) => plan.kept.push({ target: d.targetDev, path: d.path ?? null, reason });
    if (d.device !== 'disk') {
      keep(`a ${d.device}: its image is not the machine's own`);
      continue;
    }
    if (d.readonly || d.shareable) {
      keep('read-only or shareable: other machines may use it');
      continue;
    }
    const vol = await findDiskVolume(c, d);
    if (!vol) {
      keep('not a volume of a storage pool');
      continue;
    }
    const path = d.path ?? (await api.getStorageVolumePath(c, vol));
    const user = others.get(path);
    if (user) {
      keep(`also used by the machine "${user}"`);
      continue;
    }
    const info = await api.getStorageVolumeInfo(c, vol);
    plan.volumes.push({ target: d.targetDev, path, pool: vol.pool, volume: vol.name, capacity: Number(info.capacity) });
  }
  return plan;
}

export interface DeleteRequest {
  withStorage: boolean;
  /** With storage: the plan's volume paths, as confirmed. */
  volumes: string[];
  force: boolean;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

export async function deleteVm(c: RpcCaller, uuid: string, req: DeleteRequest): Promise<DeleteOutput> {
  const plan = await planVmDelete(c, uuid);
  const planned = plan.volumes.map((v) => v.path);
  if (req.withStorage && !sameSet(planned, req.volumes)) {
    throw new AppError(
      'conflict',
      `The volumes of "${plan.name}" changed since they were listed (now: ${planned.join(', ') || 'none'}): review the list and confirm again.`,
    );
  }
  if (!req.withStorage && req.volumes.length > 0)
    throw new AppError('invalid-input', 'Volumes were listed but withStorage is off: nothing would delete them.');
  const dom = await findDomain(c, uuid);
  if (plan.running) {
    if (!req.force) throw new AppError('operation-invalid', `"${plan.name}" is running: force it off first (or delete with force).`);
    await api.destroyDomain(c, dom).catch((e: unknown) => {
      if (!isNoDomain(e)) throw e; // a transient machine is gone once destroyed
    });
  }
  if (plan.persistent) {
    const flags =
      UndefineFlags.MANAGED_SAVE |
      UndefineFlags.SNAPSHOTS_METADATA |
      UndefineFlags.CHECKPOINTS_METADATA |
      (plan.nvram ? UndefineFlags.NVRAM : 0);
    await api.undefineDomain(c, dom, flags);
  }
  const out: DeleteOutput = { name: plan.name, deletedVolumes: [], failedVolumes: [] };
  if (!req.withStorage) return out;
  for (const v of plan.volumes) {
    try {
      await api.deleteStorageVolume(c, await api.lookupStorageVolumeByPath(c, v.path));
      out.deletedVolumes.push(v.path);
    } catch (e) {
      out.failedVolumes.push({ path: v.path, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
