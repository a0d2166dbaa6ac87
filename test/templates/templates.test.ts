/**
 * templates.* against the lab, on throwaway guests only: a template made from
 * a shut-off guest, a linked clone booted from it (its serial console answers,
 * its volume backed by the template volume, its metadata naming the version),
 * a second version, the refusal to delete a version in use (the clone named),
 * the delete once the clone is gone, a linked clone on a second connection
 * (the lab's qemu+ssh URI: the template volume copied there through libvirt
 * streams, under a distinct name), and bad input changing nothing.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../shared/contract/templates.js';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { makeTempDir, removeDir, startTestBackend, type TestBackend } from '../backend/helpers.js';
import { connectLab, lab, requireLab, uniqueName, virsh } from '../helpers/lab.js';
import { guestShell, makeGuest, type Guest } from '../helpers/throwaway-guest.js';
import { labVolumes, removeMachines, removeVolumesMarked } from './cleanup.js';

describe.skipIf(!lab)('templates', () => {
  let c: LibvirtClient;
  let t: TestBackend;
  let local: string;
  let remote: string;
  let source: Guest;
  let running: Guest;
  const tpl = uniqueName('tpl');
  const clone = uniqueName('tpl-linked');
  const far = uniqueName('tpl-far');
  const full = uniqueName('tpl-full');
  const machines = [clone, far, full];

  const find = async (): Promise<Template | undefined> => (await t.call('templates.list', {})).find((x) => x.name === tpl);
  const volXml = (name: string) => virsh(['vol-dumpxml', '--pool', requireLab().pool, name]);

  beforeAll(async () => {
    const L = requireLab();
    c = await connectLab('system');
    source = await makeGuest(c, 'tpl-src');
    running = await makeGuest(c, 'tpl-run', { start: true });
    const dataDir = await makeTempDir();
    await copyFile(L.knownHosts, join(dataDir, 'known_hosts'));
    t = await startTestBackend({ dataDir });
    local = (await t.call('connections.add', { name: 'lab', uri: L.system })).id;
    await t.call('connections.connect', { id: local });
    remote = (await t.call('connections.add', { name: 'lab-ssh', uri: L.ssh, keyFile: L.keyfile })).id;
    expect((await t.call('connections.connect', { id: remote })).state).toBe('connected');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    removeMachines(machines);
    removeVolumesMarked([tpl, ...machines]);
    await source?.remove();
    await running?.remove();
    await c?.close();
    if (t) await removeDir(t.dataDir);
  });

  it('refuses bad input and a running machine, and changes nothing', async () => {
    for (const name of ['<x/>', 'a;rm -rf /', "it's", '-lead', 'a b']) {
      const e = await t.fail('templates.create', { connectionId: local, uuid: source.uuid, name });
      expect(e.code, name).toBe('invalid-input');
      expect(e.issues?.map((x) => x.message).join(' ')).toMatch(/template name/);
    }
    const v = await t.fail('templates.create', { connectionId: local, uuid: source.uuid, name: tpl, version: '1$(id)' });
    expect(v.code).toBe('invalid-input');
    const run = await t.fail('templates.create', { connectionId: local, uuid: running.uuid, name: tpl });
    expect(run.code).toBe('operation-invalid');
    expect(run.message).toContain(`"${running.name}" is running`);
    expect(await find()).toBeUndefined();
    expect(labVolumes().filter((x) => x.includes(tpl))).toEqual([]);
    const none = await t.fail('templates.instantiate', { name: tpl, newName: clone });
    expect(none.code).toBe('not-found');
  });

  it('makes a template, boots a linked clone, publishes v2 and refuses to delete v1 while the clone uses it', async () => {
    const made = await t.call('templates.create', { connectionId: local, uuid: source.uuid, name: tpl, description: 'first' });
    expect(made.versions.map((v) => v.version)).toEqual(['1']);
    const v1 = made.versions[0]!;
    expect(v1).toMatchObject({ volume: `tpl-${tpl}-1.qcow2`, pool: requireLab().pool, sourceMachine: source.name, description: 'first' });
    expect(volXml(v1.volume)).toContain("<format type='qcow2'/>");
    // The kept definition has no UUID nor MAC: the source's are not in the library.
    const jobs = await t.call('jobs.list', {});
    expect(jobs.some((j) => j.kind === 'template' && j.state === 'succeeded' && j.title.includes(`${tpl}@1`))).toBe(true);

    const dup = await t.fail('templates.create', { connectionId: local, uuid: source.uuid, name: tpl });
    expect(dup.code).toBe('conflict');

    const inst = await t.call('templates.instantiate', { name: tpl, version: '1', newName: clone, mode: 'linked', start: true });
    expect(inst).toMatchObject({ connectionId: local, name: clone, volume: `${clone}.qcow2` });
    const overlay = volXml(`${clone}.qcow2`);
    expect(overlay).toMatch(new RegExp(`<backingStore>\\s*<path>${v1.volumePath.replace(/[.]/g, '\\.')}</path>`));
    const dom = virsh(['dumpxml', '--inactive', clone]);
    expect(dom).toMatch(new RegExp(`<novacron:template name="${tpl}" version="1"/>|<novacron:template name='${tpl}' version='1'/>`));
    expect(dom).not.toContain(source.uuid);
    const con = await guestShell(c, clone);
    await con.close();

    const v2 = await t.call('templates.publish', { connectionId: local, uuid: source.uuid, name: tpl, description: 'second' });
    expect(v2.versions.map((v) => v.version)).toEqual(['1', '2']);
    const listed = (await find())!;
    expect(listed.versions[0]!.users.map((u) => u.name)).toContain(clone);
    expect(listed.versions[1]!.users).toEqual([]);

    const refused = await t.fail('templates.deleteVersion', { name: tpl, version: '1' });
    expect(refused.code).toBe('operation-invalid');
    expect(refused.message).toContain(clone);
    const whole = await t.fail('templates.delete', { name: tpl });
    expect(whole.message).toContain(clone);
    expect(labVolumes()).toContain(v1.volume);

    const unknown = await t.fail('templates.instantiate', { name: tpl, version: '9', newName: uniqueName('never') });
    expect(unknown.code).toBe('not-found');
    expect(unknown.message).toContain('1, 2');
  }, 240_000);

  it('makes a linked clone on a second connection from a streamed copy of the template volume', async () => {
    const inst = await t.call('templates.instantiate', { name: tpl, version: '1', newName: far, mode: 'linked', connectionId: remote });
    expect(inst.connectionId).toBe(remote);
    const copy = `tpl-${tpl}-1-copy.qcow2`;
    const copyPath = virsh(['vol-path', '--pool', requireLab().pool, copy]).trim();
    expect(volXml(`${far}.qcow2`)).toContain(`<path>${copyPath}</path>`);
    // The copy is the same image as the template volume: a qcow2 of the same virtual size.
    expect(volXml(copy)).toContain("<format type='qcow2'/>");
    const v1 = (await find())!.versions[0]!;
    expect(v1.copies).toEqual([{ connectionId: remote, pool: requireLab().pool, volume: copy }]);
    // Both connections reach one daemon here: each machine is listed once.
    expect(v1.users.map((u) => u.name).sort()).toEqual([clone, far].sort());
  }, 240_000);

  it('makes a full copy from v2 (no backing store), and refuses a taken name, an unknown pool and bad machine names', async () => {
    const inst = await t.call('templates.instantiate', { name: tpl, newName: full, mode: 'full' });
    expect(inst.name).toBe(full);
    const xml = volXml(`${full}.qcow2`);
    expect(xml).toContain("<format type='qcow2'/>");
    expect(xml).not.toContain('<backingStore>');
    expect(virsh(['dumpxml', '--inactive', full])).toMatch(new RegExp(`<novacron:template name=.${tpl}. version=.2./>`));
    expect((await find())!.versions[1]!.users.map((u) => u.name)).toEqual([full]);

    const before = labVolumes().length;
    const taken = await t.fail('templates.instantiate', { name: tpl, newName: full, mode: 'linked' });
    expect(taken.code).toBe('conflict');
    const pool = await t.fail('templates.instantiate', { name: tpl, newName: uniqueName('never'), pool: 'no-such-pool-here' });
    expect(pool.code).toBe('not-found');
    for (const bad of ['<vm/>', 'a b', 'x;reboot']) {
      expect((await t.fail('templates.instantiate', { name: tpl, newName: bad })).code, bad).toBe('invalid-input');
    }
    expect(labVolumes().length).toBe(before);
  }, 240_000);

  it('deletes v1 (and its copy) once no machine uses it, then the whole template', async () => {
    removeMachines(machines);
    removeVolumesMarked(machines);
    const r = await t.call('templates.deleteVersion', { name: tpl, version: '1' });
    expect(r.deletedVolumes.sort()).toEqual(
      [`${requireLab().pool}/tpl-${tpl}-1-copy.qcow2`, `${requireLab().pool}/tpl-${tpl}-1.qcow2`].sort(),
    );
    expect(labVolumes().filter((x) => x.includes(tpl))).toEqual([`tpl-${tpl}-2.qcow2`]);
    expect((await find())!.versions.map((v) => v.version)).toEqual(['2']);
    const gone = await t.fail('templates.deleteVersion', { name: tpl, version: '1' });
    expect(gone.code).toBe('not-found');
    await t.call('templates.delete', { name: tpl });
    expect(await find()).toBeUndefined();
    expect(labVolumes().filter((x) => x.includes(tpl))).toEqual([]);
  }, 120_000);
});
