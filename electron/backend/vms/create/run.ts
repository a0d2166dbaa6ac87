/**
 * Running a creation plan as a job: creating the volume(s), uploading the
 * cloud-init seed through libvirt's volume upload stream, defining the
 * machine, starting it. Anything that fails, or a cancel (taken between
 * phases: a libvirt call cannot be stopped half-way), undoes all of it: the
 * machine is destroyed and undefined and every volume this run created is
 * deleted. Volumes the user chose (an existing disk, an ISO) are never touched.
 */
import { api, DefineFlags, UndefineFlags, type Dom, type StreamCaller, type Vol } from '../../../libvirt/index.js';
import { AppError } from '../../errors.js';
import type { JobControl } from '../../jobs/jobs.js';
import { checked } from '../common.js';
import { buildMachineXml } from './definition.js';
import type { CreatePlan, DevicePlan, VolumeStep } from './plan.js';

export interface CreateResult {
  [key: string]: string | number | boolean | null;
  name: string;
  uuid: string;
  started: boolean;
  createdVolumes: number;
}

function cancelled(plan: CreatePlan): AppError {
  return new AppError('operation-invalid', `The creation of "${plan.name}" was cancelled; nothing of it was kept.`);
}

async function rollBack(c: StreamCaller, dom: Dom | null, running: boolean, created: Vol[]): Promise<void> {
  if (dom && running) await api.destroyDomain(c, dom).catch(() => undefined);
  if (dom) await api.undefineDomain(c, dom, UndefineFlags.NVRAM).catch(() => api.undefineDomain(c, dom).catch(() => undefined));
  for (const v of created.reverse()) await api.deleteStorageVolume(c, v).catch(() => undefined);
}

export async function runVmCreate(c: StreamCaller, plan: CreatePlan, ctl: JobControl): Promise<CreateResult> {
  const created: Vol[] = [];
  let dom: Dom | null = null;
  let running = false;
  const phases = ['defining', ...(plan.start ? ['starting'] : [])];
  const steps = [plan.disk, ...plan.cdroms].filter((p): p is Extract<DevicePlan, { kind: 'new' }> => p?.kind === 'new');
  const total = steps.length + phases.length;
  let done = 0;
  const step = (phase: string) => {
    if (ctl.signal.aborted) throw cancelled(plan);
    ctl.update({ phase, progress: done / total });
    done += 1;
  };
  const make = async (s: VolumeStep): Promise<string> => {
    const vol = await api.createStorageVolume(c, s.pool, s.xml);
    created.push(vol);
    if (s.upload) await api.uploadVolume(c, vol, [s.upload]);
    return api.getStorageVolumePath(c, vol);
  };
  try {
    const pathOf = async (p: DevicePlan): Promise<string> => {
      if (p.kind === 'existing') return p.path;
      step(p.step.upload ? `uploading seed ${p.step.name}` : `creating volume ${p.step.name}`);
      return make(p.step);
    };
    const disk = plan.disk
      ? { path: await pathOf(plan.disk), format: plan.disk.kind === 'new' ? plan.disk.step.format : plan.disk.format }
      : null;
    const cdroms: string[] = [];
    for (const cd of plan.cdroms) cdroms.push(await pathOf(cd));
    step('defining');
    const xml = checked(() =>
      buildMachineXml({
        name: plan.name,
        uuid: plan.uuid,
        virt: plan.virt,
        vcpus: plan.vcpus,
        memoryMiB: plan.memoryMiB,
        firmware: plan.firmware,
        disk,
        cdroms,
        bootFirst: plan.bootFirst,
        network: plan.network,
      }),
    );
    dom = await api.defineDomain(c, xml, DefineFlags.VALIDATE);
    if (plan.start) {
      step('starting');
      await api.startDomain(c, dom);
      running = true;
    }
    // A cancel that came during the last call still wins: nothing may stay.
    if (ctl.signal.aborted) throw cancelled(plan);
    ctl.update({ phase: plan.start ? 'created and started' : 'created', progress: 1 });
    return { name: plan.name, uuid: plan.uuid, started: running, createdVolumes: created.length };
  } catch (e) {
    ctl.update({ phase: 'rolling back' });
    await rollBack(c, dom, running, created);
    throw e;
  }
}
