/**
 * The app's migration methods over the contract, against two lab hosts: the
 * plan, a live migration as a job with its figures, the machine appearing
 * on the target and leaving the source in vms.list, maintenance refusing
 * what would start there, and the evacuation plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs.js';
import type { Vm } from '../../shared/types.js';
import { virsh } from '../helpers/lab.js';
import { removeDir, startTestBackend, type TestBackend } from '../backend/helpers.js';
import { host, hosts } from './hosts.js';

describe.skipIf(!hosts)('migration through the backend (two lab hosts)', () => {
  let t: TestBackend;
  let a: string;
  let b: string;
  const guest = () => host(0).runningGuest;
  let uuid: string;

  beforeAll(async () => {
    t = await startTestBackend();
    a = (await t.call('connections.add', { name: 'lab-a', uri: host(0).tcp })).id;
    b = (await t.call('connections.add', { name: 'lab-b', uri: host(1).tcp })).id;
    await t.call('connections.connect', { id: a });
    await t.call('connections.connect', { id: b });
    const vms = await t.call('vms.list', { connectionId: a });
    uuid = vms.find((v) => v.name === guest())!.uuid;
  }, 60_000);

  afterAll(async () => {
    if (virsh(['list', '--name'], host(1).tcp).includes(guest())) {
      virsh(['migrate', '--live', '--persistent', '--undefinesource', guest(), host(0).tcp], host(1).tcp);
    }
    await t?.close();
    if (t) await removeDir(t.dataDir);
  });

  async function finished(job: Job): Promise<Job> {
    return t.events.waitFor<Job>('job.changed', (j) => j.id === job.id && j.state !== 'running', 120_000);
  }

  it('plans the move: live, no disk to copy, nothing in the way', async () => {
    const plan = await t.call('migration.plan', { connectionId: a, uuid, targetConnectionId: b });
    expect(plan).toMatchObject({ name: guest(), mode: 'live', blockers: [], source: { name: 'lab-a' }, target: { name: 'lab-b' } });
    expect(plan.target.freeMemoryKiB).toBeGreaterThan(0);
    const same = await t.call('migration.plan', { connectionId: a, uuid, targetConnectionId: a });
    expect(same.blockers.join(' ')).toMatch(/same host/);
  });

  it('refuses everything that would start something on a host in maintenance, and lets it go after', async () => {
    await t.call('hosts.setMaintenance', { connectionId: b, maintenance: true });
    const list = await t.call('connections.list', {});
    expect(list.find((c) => c.id === b)?.maintenance).toBe(true);
    const e = await t.fail('migration.start', { connectionId: a, uuid, targetConnectionId: b });
    expect(e.code).toBe('operation-invalid');
    expect(e.message).toMatch(/"lab-b" is in maintenance/);
    const vmsB = await t.call('vms.list', { connectionId: b });
    const own = vmsB.find((v) => v.name === host(1).runningGuest)!;
    expect((await t.fail('vms.act', { connectionId: b, uuid: own.uuid, action: 'start' })).message).toMatch(/in maintenance/);
    // the plan says so too, for the dialog
    expect((await t.call('migration.plan', { connectionId: a, uuid, targetConnectionId: b })).blockers.join(' ')).toMatch(/maintenance/);
    await t.call('hosts.setMaintenance', { connectionId: b, maintenance: false });
    expect((await t.call('connections.list', {})).find((c) => c.id === b)?.maintenance).toBe(false);
    expect(virsh(['domstate', guest()], host(0).tcp).trim()).toBe('running');
  });

  it('migrates live as a job with figures; the machine leaves A and appears on B in the lists', async () => {
    const job = await t.call('migration.start', { connectionId: a, uuid, targetConnectionId: b, options: { maxDowntimeMs: 400 } });
    expect(job).toMatchObject({ kind: 'migrate', state: 'running', subject: { name: guest() } });
    const done = await finished(job);
    expect(done.state, `${done.error?.message}\n${t.logLines.slice(-5).join('\n')}`).toBe('succeeded');
    expect(done.result).toMatchObject({ mode: 'live', targetConnectionId: b });
    expect(done.detail).toMatchObject({ mode: 'live', target: 'lab-b' });
    const onB = await t.call('vms.list', { connectionId: b });
    expect(onB.find((v: Vm) => v.uuid === uuid)?.state).toBe('running');
    expect((await t.call('vms.list', { connectionId: a })).some((v: Vm) => v.uuid === uuid)).toBe(false);
    // and back, the same way
    const home = await finished(await t.call('migration.start', { connectionId: b, uuid, targetConnectionId: a }));
    expect(home.state, home.error?.message).toBe('succeeded');
    expect(virsh(['domstate', guest()], host(0).tcp).trim()).toBe('running');
  });

  it('plans an evacuation to the only other host', async () => {
    const items = await t.call('hosts.evacuationPlan', { connectionId: a });
    expect(items).toEqual([expect.objectContaining({ name: guest(), targetConnectionId: b, targetName: 'lab-b' })]);
  });
});
