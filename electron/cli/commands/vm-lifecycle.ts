/** `vm clone`, `vm delete`, `vm managedsave`: the backend's services, run in the foreground. */
import { lookupDomainByName, uuidToString, type RpcCaller } from '../../libvirt/index.js';
import { AppError } from '../../backend/errors.js';
import { createLocalControl } from '../../backend/jobs/jobs.js';
import { planVmClone } from '../../backend/vms/clone-plan.js';
import { runVmClone } from '../../backend/vms/clone.js';
import { deleteVm, planVmDelete } from '../../backend/vms/delete.js';
import { prepareManagedSave, saveVmState } from '../../backend/vms/save.js';

/** Progress on stderr, only for a person watching a terminal (scripts get clean output). */
function progressPrinter(): ReturnType<typeof createLocalControl> {
  if (!process.stderr.isTTY) return createLocalControl();
  let phase = '';
  return createLocalControl((p) => {
    if (p.phase) phase = p.phase;
    const pct = typeof p.progress === 'number' ? ` ${Math.round(p.progress * 100)}%` : '';
    process.stderr.write(`\r\x1b[K${phase}${pct}`);
  });
}

function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

export async function cloneDomain(c: RpcCaller, name: string, newName: string): Promise<void> {
  const dom = await lookupDomainByName(c, name);
  const plan = await planVmClone(c, uuidToString(dom.uuid), newName);
  try {
    const r = await runVmClone(c, plan, progressPrinter());
    endProgress();
    process.stdout.write(`Domain '${name}' cloned as '${r.name}' (${r.uuid})\n`);
  } catch (e) {
    endProgress();
    throw e;
  }
}

export async function deleteDomain(c: RpcCaller, name: string, withStorage: boolean, force: boolean): Promise<void> {
  const uuid = uuidToString((await lookupDomainByName(c, name)).uuid);
  const plan = await planVmDelete(c, uuid);
  const r = await deleteVm(c, uuid, { withStorage, volumes: withStorage ? plan.volumes.map((v) => v.path) : [], force });
  process.stdout.write(`Domain '${name}' deleted\n`);
  for (const p of r.deletedVolumes) process.stdout.write(`Volume '${p}' deleted\n`);
  if (r.failedVolumes.length > 0) {
    throw new AppError(
      'libvirt',
      `the machine is deleted, but ${r.failedVolumes.map((f) => `${f.path} (${f.message})`).join('; ')} could not be`,
    );
  }
}

export async function saveDomainState(c: RpcCaller, name: string): Promise<void> {
  const dom = await prepareManagedSave(c, uuidToString((await lookupDomainByName(c, name)).uuid));
  try {
    await saveVmState(c, dom, progressPrinter());
  } finally {
    endProgress();
  }
  process.stdout.write(`Domain '${name}' state saved\n`);
}
