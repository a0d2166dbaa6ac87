/**
 * Managed save (memory to disk, machine stopped; the next start restores it)
 * and discarding a saved state. The save reports progress from libvirt's job
 * statistics, polled on the same connection while the save call runs, and
 * is cancelled with libvirt's abortJob (the machine then keeps running).
 */
import { api, JobType, paramsToRecord, type Dom, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { JobControl } from '../jobs/jobs.js';
import { findDomain } from './common.js';

const POLL_MS = 300;

/** processed/total from the job's statistics, memory first (what a save writes), else data. */
async function readProgress(c: RpcCaller, dom: Dom): Promise<number | null> {
  const stats = await api.getJobStats(c, dom);
  if (stats.type !== JobType.BOUNDED && stats.type !== JobType.UNBOUNDED) return null;
  const r = paramsToRecord(stats.params);
  const total = Number(r.memory_total ?? r.data_total ?? 0);
  const done = Number(r.memory_processed ?? r.data_processed ?? 0);
  return total > 0 ? Math.min(1, done / total) : null;
}

/** Checks the machine can be saved; returns it. */
export async function prepareManagedSave(c: RpcCaller, uuid: string): Promise<Dom> {
  const dom = await findDomain(c, uuid);
  if (!(await api.isDomainActive(c, dom)))
    throw new AppError('operation-invalid', `"${dom.name}" is not running: there is no state to save.`);
  if (!(await api.isDomainPersistent(c, dom)))
    throw new AppError('operation-invalid', `"${dom.name}" is transient: a managed save needs a persistent machine to restore into.`);
  return dom;
}

export async function saveVmState(c: RpcCaller, dom: Dom, ctl: JobControl): Promise<{ name: string }> {
  ctl.update({ phase: 'saving memory to disk', progress: 0 });
  let finished = false;
  const poll = (async () => {
    while (!finished) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (finished) break;
      const p = await readProgress(c, dom).catch(() => null);
      if (p !== null && !finished) ctl.update({ progress: p });
    }
  })();
  try {
    await api.managedSaveDomain(c, dom);
  } catch (e) {
    if (ctl.signal.aborted) throw new AppError('operation-invalid', `The managed save of "${dom.name}" was cancelled; it keeps running.`);
    throw e;
  } finally {
    finished = true;
    await poll;
  }
  return { name: dom.name };
}

/** The cancel of a running save: libvirt's abortJob on the machine. */
export async function abortVmJob(c: RpcCaller, dom: Dom): Promise<void> {
  await api.abortJob(c, dom);
}

export async function discardVmState(c: RpcCaller, uuid: string): Promise<void> {
  const dom = await findDomain(c, uuid);
  if (!(await api.hasManagedSaveImage(c, dom))) throw new AppError('operation-invalid', `"${dom.name}" has no saved state to discard.`);
  await api.removeManagedSave(c, dom);
}
