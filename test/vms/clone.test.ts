/**
 * Clone against the lab: refusals, a full clone through the backend as a job
 * (job.changed events), the clone booted and answering on its serial console
 * with a new UUID and MAC, rollback of a clone that fails half-way, and the
 * clone deleted with its storage (virsh vol-list confirms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { api } from '../../electron/libvirt/index.js';
import { uuidToString } from '../../electron/libvirt/index.js';
import { planVmClone } from '../../electron/backend/vms/clone-plan.js';
import { runVmClone } from '../../electron/backend/vms/clone.js';
import type { Job } from '../../shared/contract/jobs.js';
import { GuestConsole } from '../helpers/guest-console.js';
import { connectLab, lab, uniqueName, virsh } from '../helpers/lab.js';
import { startTestBackend, type TestBackend } from '../backend/helpers.js';
import { makeVm, poolVolumes, remember, refusal, sweep, type TestVm } from './helpers.js';

let c: LibvirtClient;
let src: TestVm;
let t: TestBackend | undefined;

beforeAll(async () => {
  if (!lab) return;
  c = await connectLab();
  src = await makeVm(c, 'clonesrc', { nic: true });
}, 60_000);

afterAll(async () => {
  if (!lab) return;
  await t?.close();
  await sweep(c);
  await c?.close();
}, 60_000);

const macOf = (name: string) => /52:54:00(:[0-9a-f]{2}){3}/.exec(virsh(['domiflist', '--inactive', name]))?.[0];

describe.skipIf(!lab)('clone (lab)', () => {
  it('refuses a running machine, a taken name and an invalid name', async () => {
    const running = await refusal(planVmClone(c, await uuidOf(lab!.runningGuest), uniqueName('x')));
    expect(running.code).toBe('operation-invalid');
    expect(running.message).toContain('is running');
    const taken = await refusal(planVmClone(c, src.uuid, lab!.guests[0]!));
    expect(taken.code).toBe('conflict');
    const bad = await refusal(planVmClone(c, src.uuid, 'a/b'));
    expect(bad.code).toBe('invalid-input');
  });

  it('rolls back every copy when the clone fails half-way', async () => {
    const name = uniqueName('clonefail');
    remember(name);
    const plan = await planVmClone(c, src.uuid, name);
    const ctl = {
      signal: new AbortController().signal,
      update: (p: { phase?: string }) => {
        if (p.phase === 'defining the clone') throw new Error('simulated failure after the copies');
      },
    };
    await expect(runVmClone(c, plan, ctl)).rejects.toThrow('simulated failure');
    expect(poolVolumes(name)).toEqual([]);
    expect(virsh(['list', '--all', '--name'])).not.toContain(name);
  });

  it('a cancelled clone leaves nothing', async () => {
    const name = uniqueName('clonecancel');
    remember(name);
    const plan = await planVmClone(c, src.uuid, name);
    const abort = new AbortController();
    const ctl = { signal: abort.signal, update: (p: { phase?: string }) => p.phase?.startsWith('copying') && abort.abort() };
    const e = await refusal(runVmClone(c, plan, ctl));
    expect(e.message).toContain('was cancelled');
    expect(poolVolumes(name)).toEqual([]);
  });

  it('clones through the backend as a job; the clone boots, answers, has a new UUID and MAC; deleted with its storage', async () => {
    t = await startTestBackend();
    const conn = await t.call('connections.add', { name: 'lab', uri: lab!.system });
    await t.call('connections.connect', { id: conn.id });
    const name = uniqueName('clone');
    remember(name);
    const from = t.events.mark();
    const job = await t.call('vms.clone', { connectionId: conn.id, uuid: src.uuid, newName: name });
    expect(job).toMatchObject({ kind: 'clone', state: 'running', subject: { uuid: src.uuid, name: src.name } });
    const done = await t.events.waitFor<Job>('job.changed', (j) => j.id === job.id && j.state !== 'running', 60_000, from);
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ state: 'succeeded', progress: 1, result: { name } });
    const phases = t.events
      .named<Job>('job.changed')
      .filter((j) => j.id === job.id)
      .map((j) => j.phase);
    expect(phases).toContain('copying disk vda (1 of 1)');
    expect((await t.call('jobs.list', {}))[0]).toMatchObject({ id: job.id, state: 'succeeded' });
    const newUuid = String(done.result!.uuid);
    expect(newUuid).not.toBe(src.uuid);
    expect(virsh(['domuuid', name]).trim()).toBe(newUuid);
    const details = await t.call('vms.details', { connectionId: conn.id, uuid: newUuid });
    expect(details.disks[0]!.source).toContain(`${name}.qcow2`);
    expect(details.nics[0]!.mac).toBe(macOf(name));
    expect(macOf(name)).not.toBe(macOf(src.name));
    expect(poolVolumes(name)).toEqual([`${name}.qcow2`]);

    // The clone boots and its shell answers on the serial console.
    await t.call('vms.act', { connectionId: conn.id, uuid: newUuid, action: 'start' });
    const con = await GuestConsole.open(c, await api.lookupDomainByName(c, name));
    try {
      await con.run('echo CL$((30+4))ONE', 'CL34ONE', 150_000);
    } finally {
      await con.close();
    }
    const up = await t.call('vms.details', { connectionId: conn.id, uuid: newUuid });
    expect(up.uptime.source).toBe('start-event');
    expect(up.uptime.since).toBeGreaterThan(Date.now() - 300_000);

    const plan = await t.call('vms.deletePlan', { connectionId: conn.id, uuid: newUuid });
    expect(plan.volumes.map((v) => v.volume)).toEqual([`${name}.qcow2`]);
    const del = await t.call('vms.delete', {
      connectionId: conn.id,
      uuid: newUuid,
      withStorage: true,
      volumes: plan.volumes.map((v) => v.path),
      force: true,
    });
    expect(del.deletedVolumes).toHaveLength(1);
    expect(poolVolumes(name)).toEqual([]);
    expect(virsh(['list', '--all', '--name'])).not.toContain(name);
    expect(poolVolumes(src.name)).toEqual([`${src.name}.qcow2`]);
  }, 240_000);
});

async function uuidOf(name: string): Promise<string> {
  return uuidToString((await api.lookupDomainByName(c, name)).uuid);
}
