/**
 * Making a template version from a shut-off machine: its first writable disk
 * copied by libvirt into `tpl-<name>-<version>.qcow2` in the same pool, and
 * its definition kept without UUID, MAC addresses or the other writable
 * disks. Checked before anything is copied; a failed copy leaves no volume.
 */
import { api, DomainXmlFlags, type Dom, type Pool, type RpcCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { JobControl } from '../jobs/jobs.js';
import { checked, findDomain } from '../vms/common.js';
import { findDiskVolume } from '../vms/details-devices.js';
import { parseDomain } from '../xml/index.js';
import { buildTemplateDefinitionXml } from '../xml/domain-template.js';
import { templateVolumeName } from './names.js';
import type { StoredTemplateVersion } from './record.js';
import { assertVolumeFree, copyVolumeInPool, findVolume } from './volumes.js';

export interface VersionPlan {
  dom: Dom;
  name: string;
  version: string;
  description: string;
  sourceXml: string;
  diskTarget: string;
  source: Vol;
  pool: Pool;
  volume: string;
  defaults: StoredTemplateVersion['defaults'];
}

export async function planTemplateVersion(
  c: RpcCaller,
  uuid: string,
  spec: { name: string; version: string; description: string },
): Promise<VersionPlan> {
  const dom = await findDomain(c, uuid);
  if (await api.isDomainActive(c, dom)) {
    throw new AppError(
      'operation-invalid',
      `"${dom.name}" is running: shut it down before making a template of it (a copy of a disk in use would not be consistent).`,
    );
  }
  const sourceXml = await api.getDomainXml(c, dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE);
  const model = parseDomain(sourceXml);
  const disk = model.disks.find((d) => d.device === 'disk' && !d.readonly && !d.shareable);
  if (!disk) throw new AppError('unsupported', `"${dom.name}" has no writable disk to make a template of.`);
  const source = await findDiskVolume(c, disk);
  if (!source) {
    throw new AppError(
      'unsupported',
      `Disk ${disk.targetDev} of "${dom.name}" (${disk.path ?? 'no path'}) is not a volume of a storage pool: templates are copied only through libvirt's pools.`,
    );
  }
  // The definition must build before anything is copied: a bad name stops here.
  checked(() => buildTemplateDefinitionXml(sourceXml, { name: spec.name, diskTarget: disk.targetDev }));
  const pool = await api.lookupStoragePoolByName(c, source.pool);
  const volume = templateVolumeName(spec.name, spec.version);
  await assertVolumeFree(c, pool, volume);
  const networks = model.interfaces.map((n) => n.source.network).filter((n): n is string => n !== undefined);
  return {
    dom,
    ...spec,
    sourceXml,
    diskTarget: disk.targetDev,
    source,
    pool,
    volume,
    defaults: { vcpus: model.vcpu.current, memoryMiB: Math.round(model.memoryKiB / 1024), networks },
  };
}

/** Copies the disk and returns the version as the library keeps it. */
export async function runTemplateVersion(c: RpcCaller, plan: VersionPlan, ctl: JobControl): Promise<StoredTemplateVersion> {
  ctl.update({ phase: `copying disk ${plan.diskTarget} of ${plan.dom.name} into ${plan.volume}`, progress: 0 });
  let made: Vol | null = null;
  try {
    made = await copyVolumeInPool(c, plan.pool, plan.source, plan.volume, (f) => ctl.update({ progress: f }));
    const info = await api.getStorageVolumeInfo(c, made);
    ctl.update({ phase: 'recording the version', progress: 1 });
    return {
      version: plan.version,
      description: plan.description,
      createdAt: Date.now(),
      sourceMachine: plan.dom.name,
      pool: plan.pool.name,
      volume: plan.volume,
      volumePath: await api.getStorageVolumePath(c, made),
      capacityBytes: Number(info.capacity),
      defaults: plan.defaults,
      copies: [],
      definitionXml: buildTemplateDefinitionXml(plan.sourceXml, { name: plan.name, diskTarget: plan.diskTarget }),
      diskTarget: plan.diskTarget,
    };
  } catch (e) {
    ctl.update({ phase: 'rolling back' });
    // libvirt may have left a partial volume behind a failed copy.
    const left = made ?? (await findVolume(c, plan.pool, plan.volume).catch(() => null));
    if (left) await api.deleteStorageVolume(c, left).catch(() => undefined);
    throw e;
  }
}
