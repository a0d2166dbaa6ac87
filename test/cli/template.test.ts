/**
 * `novacron template list|create|instantiate|delete` against the lab, on a
 * throwaway shut-off guest: the backend's own template service over the
 * CLI's client, its library in the app's data dir (NOVACRON_DATA_DIR), the
 * refusals as one-line errors with the usual exit codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../shared/contract/templates.js';
import { readStoreSnapshot } from '../../electron/backend/store/store.js';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { connectLab, requireLab, uniqueName, virsh } from '../helpers/lab.js';
import { makeGuest, type Guest } from '../helpers/throwaway-guest.js';
import { labVolumes, removeMachines, removeVolumesMarked } from '../templates/cleanup.js';
import { buildCli, cliDataDir, cliJson, expectOneLineFailure, removeDataDir, runCli } from './helpers.js';

const L = requireLab();
const tpl = uniqueName('clitpl');
const clone = uniqueName('clitpl-vm');
const far = uniqueName('clitpl-far');
let c: LibvirtClient;
let source: Guest;

beforeAll(async () => {
  buildCli();
  c = await connectLab('system');
  source = await makeGuest(c, 'clitpl-src');
}, 60_000);

afterAll(async () => {
  removeMachines([clone, far]);
  removeVolumesMarked([tpl, clone, far]);
  await source?.remove();
  await c?.close();
  removeDataDir();
});

describe('novacron template', () => {
  it('refuses names with shell or XML metacharacters, and an unknown template', async () => {
    for (const bad of ['a;id', '<x>', 'a$(id)', '../x']) {
      const r = await runCli(['template', 'create', bad, '--from', source.name]);
      expect(expectOneLineFailure(r, 2)).toContain('invalid template name');
    }
    expect(expectOneLineFailure(await runCli(['template', 'create', tpl]), 2)).toContain('--from');
    expect(expectOneLineFailure(await runCli(['template', 'instantiate', `${tpl}@1`, clone]), 1)).toContain(`no template named "${tpl}"`);
    expect(labVolumes().filter((v) => v.includes(tpl))).toEqual([]);
  });

  it('creates, lists, instantiates a linked clone, refuses to delete a used version, then deletes', async () => {
    const made = await cliJson<Template>(['template', 'create', tpl, '--from', source.name, '--description', 'from the cli', '--json']);
    expect(made.versions.map((v) => v.version)).toEqual(['1']);
    expect(made.hostUri).toBe(L.system);
    // The library is the app's document in the data dir.
    expect((await readStoreSnapshot(cliDataDir))!.templates.map((t) => t.name)).toContain(tpl);

    const v2 = await cliJson<Template>(['template', 'create', tpl, '--from', source.name, '--version', 'b2', '--json']);
    expect(v2.versions.map((v) => v.version)).toEqual(['1', 'b2']);

    const r = await runCli(['template', 'instantiate', `${tpl}@1`, clone, '--linked']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Domain '${clone}' created from template '${tpl}@1' (linked`);
    const overlay = virsh(['vol-dumpxml', '--pool', L.pool, `${clone}.qcow2`]);
    expect(overlay).toContain(`<path>${made.versions[0]!.volumePath}</path>`);

    const list = await cliJson<Template[]>(['template', 'list', '--json']);
    const mine = list.find((t) => t.name === tpl)!;
    expect(mine.versions[0]!.users.map((u) => u.name)).toEqual([clone]);

    const refused = expectOneLineFailure(await runCli(['template', 'delete', `${tpl}@1`]), 1);
    expect(refused).toContain(clone);
    expect(expectOneLineFailure(await runCli(['template', 'delete', `${tpl}@7`]), 1)).toContain('1, b2');
    expect(labVolumes()).toContain(`tpl-${tpl}-1.qcow2`);

    // Another host through --host (here the lab's qemu+ssh URI to the same daemon): the template volume streamed there as a copy.
    const ssh = ['--keyfile', L.keyfile, '--known-hosts', L.knownHosts];
    const remote = await runCli([...ssh, 'template', 'instantiate', `${tpl}@1`, far, '--host', L.ssh], 120_000);
    expect(remote.code, remote.stderr).toBe(0);
    const copyPath = virsh(['vol-path', '--pool', L.pool, `tpl-${tpl}-1-copy.qcow2`]).trim();
    expect(virsh(['vol-dumpxml', '--pool', L.pool, `${far}.qcow2`])).toContain(`<path>${copyPath}</path>`);

    removeMachines([clone, far]);
    removeVolumesMarked([clone, far]);
    // The copy's host must be reachable to delete the version: refused without --host, done with it.
    expect(expectOneLineFailure(await runCli(['template', 'delete', `${tpl}@1`]), 1)).toContain(`--host ${L.ssh}`);
    expect(await cliJson([...ssh, 'template', 'delete', `${tpl}@1`, '--host', L.ssh, '--json'])).toEqual({
      deletedVolumes: [`${L.pool}/tpl-${tpl}-1.qcow2`, `${L.pool}/tpl-${tpl}-1-copy.qcow2`],
    });
    const whole = await runCli(['template', 'delete', tpl]);
    expect(whole.code, whole.stderr).toBe(0);
    expect(labVolumes().filter((v) => v.includes(tpl))).toEqual([]);
    expect((await cliJson<Template[]>(['template', 'list', '--json'])).some((t) => t.name === tpl)).toBe(false);
  }, 180_000);
});
