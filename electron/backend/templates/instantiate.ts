/**
 * A new machine from a template version: a linked clone (a qcow2 overlay whose
 * backing store is the template volume) or a full copy, on the template's
 * host or another one (the template volume copied there first, through
 * libvirt streams, and kept there for the next machine). The machine records
 * its template and version in NovaCron's metadata. Anything failing undoes
 * what this run made: the definition, the machine's volume, a fresh copy.
 */
import { api, DefineFlags, isNoDomain, uuidToString, type Pool, type StreamCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { JobControl } from '../jobs/jobs.js';
import { checked } from '../vms/common.js';
import { buildVolumeXml } from '../xml/index.js';
import { buildInstanceDomainXml } from '../xml/domain-template.js';
import { copyVolumeName, instanceVolumeName } from './names.js';
import type { StoredTemplate, StoredTemplateVersion } from './record.js';
import { copyVolumeToHost } from './transfer.js';
import { assertVolumeFree, copyVolumeInPool, findPool, findVolume } from './volumes.js';

export interface InstancePlan {
  template: StoredTemplate;
  version: StoredTemplateVersion;
  newName: string;
  mode: 'linked' | 'full';
  start: boolean;
  /** The template's host. */
  source: StreamCaller;
  /** The new machine's host (the same caller when it is the template's). */
  target: StreamCaller;
  targetId: string;
  pool: Pool;
  /** The template volume on the target, when it is there already. */
  backing: Vol | null;
  /** On another host: the copy's name (made when `backing` is null). */
  copyName: string | null;
}

export interface InstanceResult {
  uuid: string;
  name: string;
  volume: string;
  /** A copy of the template volume this run made on the target (to record). */
  madeCopy: { pool: string; volume: string } | null;
}

async function assertMachineFree(c: StreamCaller, name: string): Promise<void> {
  const taken = await api.lookupDomainByName(c, name).then(
    () => true,
    (e: unknown) => {
      if (isNoDomain(e)) return false;
      throw e;
    },
  );
  if (taken) throw new AppError('conflict', `A machine named "${name}" already exists on that host.`);
}

export async function planInstance(p: Omit<InstancePlan, 'pool' | 'backing' | 'copyName'> & { poolName: string }): Promise<InstancePlan> {
  const { poolName, ...rest } = p;
  const local = p.targetId === p.template.connectionId;
  await assertMachineFree(p.target, p.newName);
  const pool = await findPool(p.target, poolName);
  await assertVolumeFree(p.target, pool, instanceVolumeName(p.newName));
  const sourcePool = await findPool(p.source, p.version.pool);
  const original = await findVolume(p.source, sourcePool, p.version.volume);
  if (!original) {
    throw new AppError(
      'not-found',
      `The template volume ${p.version.pool}/${p.version.volume} of "${p.template.name}@${p.version.version}" is gone from its host.`,
    );
  }
  if (local && pool.name === p.version.pool) return { ...rest, pool, backing: original, copyName: null };
  const copyName = copyVolumeName(p.template.name, p.version.version);
  const recorded = p.version.copies.some((x) => x.connectionId === p.targetId && x.pool === pool.name && x.volume === copyName);
  const existing = await findVolume(p.target, pool, copyName);
  if (existing && !recorded)
    throw new AppError('conflict', `The pool "${pool.name}" already has a volume "${copyName}" that is not this template's copy.`);
  return { ...rest, pool, backing: existing, copyName };
}

export async function runInstance(plan: InstancePlan, ctl: JobControl): Promise<InstanceResult> {
  const { target: c, version } = plan;
  const made: Vol[] = [];
  let madeCopy: InstanceResult['madeCopy'] = null;
  let defined: Awaited<ReturnType<typeof api.defineDomain>> | null = null;
  try {
    let backing = plan.backing;
    if (!backing) {
      ctl.update({ phase: `copying the template volume to the target host (${plan.copyName})`, progress: 0 });
      const sourcePool = await findPool(plan.source, version.pool);
      const original = (await findVolume(plan.source, sourcePool, version.volume))!;
      backing = await copyVolumeToHost(plan.source, original, c, plan.pool, plan.copyName!, (f) => ctl.update({ progress: f * 0.9 }));
      made.push(backing);
      madeCopy = { pool: plan.pool.name, volume: plan.copyName! };
    }
    const volName = instanceVolumeName(plan.newName);
    let disk: Vol;
    if (plan.mode === 'linked') {
      ctl.update({ phase: `making the overlay ${volName}`, progress: null });
      const backingPath = await api.getStorageVolumePath(c, backing);
      const xml = checked(() =>
        buildVolumeXml({
          name: volName,
          format: 'qcow2',
          capacityBytes: version.capacityBytes,
          backing: { path: backingPath, format: 'qcow2' },
        }),
      );
      disk = await api.createStorageVolume(c, plan.pool, xml);
    } else {
      ctl.update({ phase: `copying the template volume into ${volName}`, progress: 0 });
      disk = await copyVolumeInPool(c, plan.pool, backing, volName, (f) => ctl.update({ progress: f }));
    }
    made.push(disk);
    ctl.update({ phase: `defining ${plan.newName}`, progress: null });
    const diskPath = await api.getStorageVolumePath(c, disk);
    const xml = checked(() =>
      buildInstanceDomainXml(version.definitionXml, {
        name: plan.newName,
        diskTarget: version.diskTarget,
        diskPath,
        template: { name: plan.template.name, version: version.version },
      }),
    );
    defined = await api.defineDomain(c, xml, DefineFlags.VALIDATE);
    if (plan.start) {
      ctl.update({ phase: `starting ${plan.newName}` });
      await api.startDomain(c, defined);
    }
    ctl.update({ phase: 'done', progress: 1 });
    return { uuid: uuidToString(defined.uuid), name: defined.name, volume: volName, madeCopy };
  } catch (e) {
    ctl.update({ phase: 'rolling back' });
    if (defined) await api.undefineDomain(c, defined).catch(() => undefined);
    for (const v of made.reverse()) await api.deleteStorageVolume(c, v).catch(() => undefined);
    throw e;
  }
}
