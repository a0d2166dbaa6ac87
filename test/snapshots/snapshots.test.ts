/**
 * snapshots.* against the lab, on throwaway guests only: the tree, memory
 * snapshots as jobs, revert undoing a change (a file in the running guest and
 * the domain's description), delete with children, and the refusals: a raw
 * disk, UEFI firmware, a running machine without memory, a name taken, a
 * machine gone meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract/snapshots.js';
import { AffectFlags, api, DomainMetadataType, type LibvirtClient } from '../../electron/libvirt/index.js';
import { startTestBackend, removeDir, type TestBackend } from '../backend/helpers.js';
import { connectLab, lab, requireLab, virsh } from '../helpers/lab.js';
import { guestShell, makeGuest, type Guest } from '../helpers/throwaway-guest.js';

describe.skipIf(!lab)('snapshots', () => {
  let c: LibvirtClient;
  let t: TestBackend;
  let connectionId: string;
  let running: Guest;
  let off: Guest;
  const guests: Guest[] = [];

  const list = (g: Guest) => t.call('snapshots.list', { connectionId, uuid: g.uuid });
  const byName = (snaps: Snapshot[], n: string) => snaps.find((s) => s.name === n);

  beforeAll(async () => {
    c = await connectLab('system');
    running = await makeGuest(c, 'snap-run', { start: true });
    off = await makeGuest(c, 'snap-off');
    guests.push(running, off);
    t = await startTestBackend();
    connectionId = (await t.call('connections.add', { name: 'lab', uri: requireLab().system })).id;
    await t.call('connections.connect', { id: connectionId });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    for (const g of guests) await g.remove();
    await c?.close();
    if (t) await removeDir(t.dataDir);
  });

  it('builds a tree of a shut-off machine, marks the current one, and deletes a subtree', async () => {
    const mark = t.events.mark();
    const s1 = await t.call('snapshots.create', { connectionId, uuid: off.uuid, name: 'base', description: 'fresh install' });
    expect(s1).toMatchObject({
      name: 'base',
      description: 'fresh install',
      state: 'shutoff',
      parent: null,
      current: true,
      withMemory: false,
    });
    await t.events.waitFor('snapshots.changed', (p: { uuid: string }) => p.uuid === off.uuid, 5000, mark);
    await t.call('snapshots.create', { connectionId, uuid: off.uuid, name: 'child a' });
    await t.call('snapshots.create', { connectionId, uuid: off.uuid, name: 'grandchild' });
    // Back to base, then a second branch from it.
    await t.call('snapshots.revert', { connectionId, uuid: off.uuid, name: 'base' });
    await t.call('snapshots.create', { connectionId, uuid: off.uuid, name: 'child b' });

    const tree = await list(off);
    expect(tree.snapshots.map((s) => [s.name, s.depth, s.parent])).toEqual([
      ['base', 0, null],
      ['child a', 1, 'base'],
      ['grandchild', 2, 'child a'],
      ['child b', 1, 'base'],
    ]);
    expect(byName(tree.snapshots, 'base')!.children).toEqual(['child a', 'child b']);
    expect(tree.current).toBe('child b');
    expect(tree.snapshots.filter((s) => s.current).map((s) => s.name)).toEqual(['child b']);
    expect(virsh(['snapshot-parent', off.name, 'grandchild']).trim()).toBe('child a');

    const gone = await t.call('snapshots.delete', { connectionId, uuid: off.uuid, name: 'child a', children: true });
    expect(gone.deleted).toEqual(['child a', 'grandchild']);
    expect((await list(off)).snapshots.map((s) => s.name)).toEqual(['base', 'child b']);

    // Deleting one with children keeps them: libvirt re-parents them.
    await t.call('snapshots.delete', { connectionId, uuid: off.uuid, name: 'base', children: false });
    expect((await list(off)).snapshots.map((s) => [s.name, s.parent])).toEqual([['child b', null]]);
  });

  it('refuses a name that is taken and an invalid one', async () => {
    await t.call('snapshots.create', { connectionId, uuid: off.uuid, name: 'dup' });
    const taken = await t.fail('snapshots.create', { connectionId, uuid: off.uuid, name: 'dup' });
    expect(taken.code).toBe('conflict');
    expect(taken.message).toMatch(/already has a snapshot named "dup"/);
    const bad = await t.fail('snapshots.create', { connectionId, uuid: off.uuid, name: '../etc' });
    expect(bad.code).toBe('invalid-input');
    const missing = await t.fail('snapshots.revert', { connectionId, uuid: off.uuid, name: 'never-taken' });
    expect(missing).toMatchObject({ code: 'not-found' });
    expect(missing.message).toMatch(/has no snapshot named "never-taken"/);
  });

  it('takes a running machine with memory as a job, and a revert undoes a change in the guest and in its definition', async () => {
    const shell = await guestShell(c, running.name);
    try {
      const dom = await api.lookupDomainByName(c, running.name);
      const snap = await t.call('snapshots.create', { connectionId, uuid: running.uuid, name: 'before', memory: true });
      expect(snap).toMatchObject({ state: 'running', withMemory: true, current: true });
      const jobs = await t.call('jobs.list', { connectionId });
      expect(jobs.find((j) => j.kind === 'snapshot' && j.subject.uuid === running.uuid)).toMatchObject({ state: 'succeeded' });

      // Change something in the guest (a file in its RAM disk) and in its definition (the description).
      await shell.run('echo changed > /tmp/marker; cat /tmp/marker && echo MA$((1+1))RK', 'MA2RK');
      await api.setDomainMetadata(
        c,
        dom,
        DomainMetadataType.DESCRIPTION,
        'changed after the snapshot',
        null,
        null,
        AffectFlags.LIVE | AffectFlags.CONFIG,
      );
      expect(virsh(['desc', running.name]).trim()).toBe('changed after the snapshot');

      const vm = await t.call('snapshots.revert', { connectionId, uuid: running.uuid, name: 'before' });
      expect(vm.state).toBe('running');
      expect(virsh(['desc', running.name]).trim()).not.toBe('changed after the snapshot');
    } finally {
      await shell.close();
    }
    // The guest resumed where the snapshot was taken: the file never existed.
    const after = await guestShell(c, running.name, 60_000);
    try {
      await after.run('test -e /tmp/marker && echo HAS$((2+2))IT || echo NO$((3+3))NE', 'NO6NE');
    } finally {
      await after.close();
    }
  }, 240_000);

  it('refuses a running machine without memory, saying why', async () => {
    const e = await t.fail('snapshots.create', { connectionId, uuid: running.uuid, name: 'nomem', memory: false });
    expect(e.code).toBe('unsupported');
    expect(e.message).toMatch(/is running: .*must include its memory state/);
    expect(e.message).toMatch(/\(libvirt: /);
  });

  it('reverts a running machine to a snapshot taken shut off: it is shut off afterwards', async () => {
    const g = await makeGuest(c, 'snap-state');
    guests.push(g);
    await t.call('snapshots.create', { connectionId, uuid: g.uuid, name: 'cold' });
    await api.startDomain(c, await api.lookupDomainByName(c, g.name));
    const vm = await t.call('snapshots.revert', { connectionId, uuid: g.uuid, name: 'cold' });
    expect(vm.state).toBe('shutoff');
    expect(virsh(['domstate', g.name]).trim()).toBe('shut off');
  });

  it('refuses a raw disk and UEFI firmware with a clear message', async () => {
    const raw = await makeGuest(c, 'snap-raw', { disk: 'raw' });
    const uefi = await makeGuest(c, 'snap-uefi', { uefi: true });
    guests.push(raw, uefi);
    const r = await t.fail('snapshots.create', { connectionId, uuid: raw.uuid, name: 's1' });
    expect(r.code).toBe('unsupported');
    expect(r.message).toMatch(/cannot be snapshotted: its disk vda \(raw, .*\) is not a qcow2 image/);
    expect(r.libvirt?.code).toBe(67); // CONFIG_UNSUPPORTED, libvirt's own answer
    const u = await t.fail('snapshots.create', { connectionId, uuid: uefi.uuid, name: 's1' });
    expect(u.code).toBe('unsupported');
    expect(u.message).toMatch(/UEFI firmware \(pflash\)/);
    expect((await list(raw)).snapshots).toEqual([]);
  });

  it('says clearly when the machine is gone meanwhile', async () => {
    const g = await makeGuest(c, 'snap-gone', { disk: null });
    guests.push(g);
    virsh(['undefine', g.name]);
    for (const [m, input] of [
      ['snapshots.create', { connectionId, uuid: g.uuid, name: 's1' }],
      ['snapshots.list', { connectionId, uuid: g.uuid }],
      ['snapshots.delete', { connectionId, uuid: g.uuid, name: 's1' }],
    ] as const) {
      const e = await t.fail(m, input);
      expect(e.code, m).toBe('not-found');
      expect(e.message, m).toMatch(/no longer exists on this host/);
    }
  });
});
