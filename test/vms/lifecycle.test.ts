/**
 * Reset, managed save (as a job) and discarding it, delete with its exact
 * volume list, and bulk actions continuing past failures. Throwaway guests only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { AppError, toAppErrorShape } from '../../electron/backend/errors.js';
import { createJobs } from '../../electron/backend/jobs/jobs.js';
import { actOnVm } from '../../electron/backend/vms/act.js';
import { runBulk } from '../../electron/backend/vms/bulk.js';
import { deleteVm, planVmDelete } from '../../electron/backend/vms/delete.js';
import { attachVmDisk } from '../../electron/backend/vms/disks.js';
import { discardVmState, prepareManagedSave, saveVmState } from '../../electron/backend/vms/save.js';
import { readVmDetails } from '../../electron/backend/vms/details.js';
import { createMemoryLogger } from '../../electron/backend/log.js';
import type { Job } from '../../shared/contract/jobs.js';
import { connectLab, lab, virsh, waitFor } from '../helpers/lab.js';
import { makeVm, poolVolumes, refusal, sweep } from './helpers.js';

let c: LibvirtClient;
const log = createMemoryLogger();

beforeAll(async () => {
  if (lab) c = await connectLab();
});

afterAll(async () => {
  if (!lab) return;
  await sweep(c);
  await c?.close();
});

const domstate = (name: string) => virsh(['domstate', '--reason', name]).trim();

describe.skipIf(!lab)('reset and managed save (lab)', () => {
  it('resets a running machine (same run, still running)', async () => {
    const vm = await makeVm(c, 'reset', { start: true });
    const before = virsh(['domid', vm.name]).trim();
    const after = await actOnVm(c, 'lab', vm.uuid, 'reset');
    expect(after.state).toBe('running');
    expect(virsh(['domid', vm.name]).trim()).toBe(before);
  });

  it('saves the state as a job with progress, starts from it, and discards a saved state', async () => {
    const vm = await makeVm(c, 'save', { start: true });
    const seen: Job[] = [];
    const jobs = createJobs({ emit: (j) => seen.push(j), toError: (e) => toAppErrorShape(e, log, 'test') });
    const dom = await prepareManagedSave(c, vm.uuid);
    const { job, done } = jobs.run(
      { kind: 'managed-save', connectionId: 'lab', subject: { uuid: vm.uuid, name: vm.name }, title: 'save' },
      (ctl) => saveVmState(c, dom, ctl),
    );
    expect(job.state).toBe('running');
    await done;
    expect(jobs.get(job.id)).toMatchObject({ state: 'succeeded', progress: 1, finishedAt: expect.any(Number) });
    expect(seen.map((j) => j.state)).toContain('succeeded');
    expect(domstate(vm.name)).toBe('shut off (saved)');
    const d = await readVmDetails(c, 'lab', vm.uuid);
    expect(d).toMatchObject({ managedSave: true, state: 'shutoff', stateReason: 'saved' });
    await actOnVm(c, 'lab', vm.uuid, 'start');
    expect(domstate(vm.name)).toBe('running (restored)');
    const noState = await refusal(discardVmState(c, vm.uuid));
    expect(noState.message).toContain('no saved state');
    await saveVmState(c, await prepareManagedSave(c, vm.uuid), { update: () => undefined, signal: new AbortController().signal });
    await discardVmState(c, vm.uuid);
    expect(virsh(['dominfo', vm.name])).toMatch(/Managed save:\s+no/);
    const offNow = await refusal(prepareManagedSave(c, vm.uuid));
    expect(offNow.message).toContain('not running');
  }, 60_000);
});

describe.skipIf(!lab)('delete (lab)', () => {
  it('lists exactly the volumes that go, refuses a changed plan and a running machine, then deletes with storage', async () => {
    const vm = await makeVm(c, 'del', { start: true });
    const plan = await planVmDelete(c, vm.uuid);
    expect(plan.volumes.map((v) => v.path)).toEqual([vm.diskPath]);
    expect(plan).toMatchObject({ running: true, persistent: true, nvram: null, snapshots: 0 });
    await attachVmDisk(c, vm.uuid, { source: { kind: 'new-volume', pool: lab!.pool, capacityBytes: 1 << 20, format: 'qcow2' } });
    const changed = await refusal(deleteVm(c, vm.uuid, { withStorage: true, volumes: [vm.diskPath], force: true }));
    expect(changed.code).toBe('conflict');
    const plan2 = await planVmDelete(c, vm.uuid);
    expect(plan2.volumes).toHaveLength(2);
    const running = await refusal(deleteVm(c, vm.uuid, { withStorage: true, volumes: plan2.volumes.map((v) => v.path), force: false }));
    expect(running.message).toContain('is running');
    const r = await deleteVm(c, vm.uuid, { withStorage: true, volumes: plan2.volumes.map((v) => v.path), force: true });
    expect(r.deletedVolumes.sort()).toEqual(plan2.volumes.map((v) => v.path).sort());
    expect(r.failedVolumes).toEqual([]);
    expect(virsh(['list', '--all', '--name'])).not.toContain(vm.name);
    expect(poolVolumes(vm.name)).toEqual([]);
  });

  it('keeps a disk another machine uses, and keeps storage without withStorage', async () => {
    const a = await makeVm(c, 'del-a');
    const b = await makeVm(c, 'del-b');
    await attachVmDisk(c, b.uuid, { source: { kind: 'volume', pool: lab!.pool, volume: `${a.name}.qcow2` } });
    const plan = await planVmDelete(c, a.uuid);
    expect(plan.volumes).toEqual([]);
    expect(plan.kept[0]).toMatchObject({ target: 'vda', reason: `also used by the machine "${b.name}"` });
    const r = await deleteVm(c, b.uuid, { withStorage: false, volumes: [], force: false });
    expect(r.deletedVolumes).toEqual([]);
    expect(poolVolumes(b.name)).toHaveLength(1);
    const gone = await refusal(deleteVm(c, b.uuid, { withStorage: false, volumes: [], force: false }));
    expect(gone.code).toBe('not-found');
  });
});

describe.skipIf(!lab)('bulk (lab)', () => {
  it('starts and forces off several machines, reporting one gone meanwhile and carrying on', async () => {
    const vms = [await makeVm(c, 'bulk-1'), await makeVm(c, 'bulk-2')];
    const gone = await makeVm(c, 'bulk-gone');
    virsh(['undefine', gone.name]);
    const items = [vms[0]!, gone, vms[1]!].map((v) => ({ connectionId: 'lab', uuid: v.uuid }));
    const toError = (e: unknown) => toAppErrorShape(e, log, 'bulk');
    const started = await runBulk('start', items, { withStorage: false, force: false }, () => c, toError);
    expect(started.map((r) => r.ok)).toEqual([true, false, true]);
    expect(started[1]!.error?.code).toBe('not-found');
    expect(domstate(vms[1]!.name)).toMatch(/^running/);
    const again = await runBulk('start', items.slice(0, 1), { withStorage: false, force: false }, () => c, toError);
    expect(again[0]!.error?.code).toBe('operation-invalid');
    const off = await runBulk('destroy', items, { withStorage: false, force: false }, () => c, toError);
    expect(off.map((r) => r.ok)).toEqual([true, false, true]);
    expect(await waitFor(() => domstate(vms[0]!.name).startsWith('shut off'))).toBe(true);
    const del = await runBulk(
      'delete',
      [
        { connectionId: 'lab', uuid: vms[0]!.uuid, volumes: [vms[0]!.diskPath] },
        { connectionId: 'nope', uuid: vms[1]!.uuid },
      ],
      { withStorage: true, force: false },
      (id) => {
        if (id !== 'lab') throw new AppError('not-connected', 'not connected');
        return c;
      },
      toError,
    );
    expect(del.map((r) => r.ok)).toEqual([true, false]);
    expect(del[1]!.error?.code).toBe('not-connected');
    expect(poolVolumes(vms[0]!.name)).toEqual([]);
  });
});
