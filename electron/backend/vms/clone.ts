/**
 * Running a clone: every copy through libvirt (virStorageVolCreateXMLFrom
 * into the source's pool), progress from the new volume's allocation
 * against the source's, polled while the copy runs; then the clone's
 * definition. Anything that fails (or a cancel, which takes effect between
 * copies: libvirt cannot stop one half-way) deletes every volume this run
 * created, and the definition if it got that far.
 */
import { api, DefineFlags, uuidToString, type RpcCaller, type Vol } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { JobControl } from '../jobs/jobs.js';
import { buildCloneDomainXml, buildVolumeXml } from '../xml/index.js';
import type { ClonePlan, CopyStep } from './clone-plan.js';
import { checked } from './common.js';

const POLL_MS = 250;

export interface CloneResult {
  [key: string]: string | number | boolean | null;
  name: string;
  uuid: string;
  volumes: number;
  freshNvram: boolean;
}

/** Copies one volume, reporting its share of the whole; resolves with the new volume. */
async function copyVolume(c: RpcCaller, step: CopyStep, report: (bytes: number) => void): Promise<Vol> {
  const xml = checked(() => buildVolumeXml({ name: step.newName, format: step.format, capacityBytes: step.capacity }));
  let done = false;
  const copy = api.cloneStorageVolume(c, step.pool, xml, step.source).finally(() => (done = true));
  const poll = (async () => {
    while (!done) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (done) break;
      try {
        const info = await api.getStorageVolumeInfo(c, await api.lookupStorageVolumeByName(c, step.pool, step.newName));
        report(Math.min(Number(info.allocation), step.allocation));
      } catch {
        // not visible yet
      }
    }
  })();
  try {
    return await copy;
  } finally {
    await poll;
  }
}

function cancelledError(plan: ClonePlan): AppError {
  return new AppError(
    'operation-invalid',
    `The clone of "${plan.source.name}" as "${plan.newName}" was cancelled; its copies were deleted.`,
  );
}

export async function runVmClone(c: RpcCaller, plan: ClonePlan, ctl: JobControl): Promise<CloneResult> {
  const created: Vol[] = [];
  const total = Math.max(
    1,
    plan.copies.reduce((s, x) => s + x.allocation, 0),
  );
  let copied = 0;
  let defined = false;
  try {
    const newPaths: Record<string, string> = {};
    let nvram: string | null | undefined = plan.freshNvram ? null : undefined;
    for (const [i, step] of plan.copies.entries()) {
      if (ctl.signal.aborted) throw cancelledError(plan);
      ctl.update({
        phase: `copying ${step.target === 'nvram' ? 'the NVRAM' : `disk ${step.target}`} (${i + 1} of ${plan.copies.length})`,
        progress: copied / total,
      });
      const vol = await copyVolume(c, step, (bytes) => ctl.update({ progress: (copied + bytes) / total }));
      created.push(vol);
      copied += step.allocation;
      const path = await api.getStorageVolumePath(c, vol);
      if (step.target === 'nvram') nvram = path;
      else newPaths[step.target] = path;
    }
    if (ctl.signal.aborted) throw cancelledError(plan);
    ctl.update({ phase: 'defining the clone', progress: 1 });
    const xml = checked(() => buildCloneDomainXml(plan.sourceXml, { name: plan.newName, disks: newPaths, nvram }));
    const dom = await api.defineDomain(c, xml, DefineFlags.VALIDATE);
    defined = true;
    // A cancel that came during the define still wins: nothing of the clone may stay.
    if (ctl.signal.aborted) {
      await api.undefineDomain(c, dom).catch(() => undefined);
      defined = false;
      throw cancelledError(plan);
    }
    return { name: dom.name, uuid: uuidToString(dom.uuid), volumes: created.length, freshNvram: plan.freshNvram };
  } catch (e) {
    ctl.update({ phase: 'rolling back' });
    if (!defined) for (const v of created.reverse()) await api.deleteStorageVolume(c, v).catch(() => undefined);
    throw e;
  }
}
