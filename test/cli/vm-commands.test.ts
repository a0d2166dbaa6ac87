/**
 * The built CLI's machine commands against the lab, compared with virsh:
 * vm info --json, vm set, vm reset, vm managedsave, vm clone, vm delete
 * --with-storage, and their one-line failures. Throwaway guests only; the
 * lab guests are only read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { connectLab, lab, parseKeyValues, uniqueName, virsh } from '../helpers/lab.js';
import { makeVm, poolVolumes, remember, sweep, type TestVm } from '../vms/helpers.js';
import { buildCli, cliJson, expectOneLineFailure, removeDataDir, runCli } from './helpers.js';

let c: LibvirtClient;
let vm: TestVm;

interface CliInfo {
  name: string;
  uuid: string;
  state: string;
  vcpus: number;
  maxVcpus: number;
  memoryKiB: number;
  maxMemoryKiB: number;
  autostart: boolean;
  persistent: boolean;
  disks: { target: string; source: string | null; format: string | null; capacity: number | null; allocation: number | null }[];
  nics: { mac: string | null; network: string | null; addresses: unknown[] }[];
}

beforeAll(async () => {
  if (!lab) return;
  buildCli();
  c = await connectLab();
  vm = await makeVm(c, 'cli', { nic: true });
}, 60_000);

afterAll(async () => {
  if (lab) await sweep(c);
  await c?.close();
  removeDataDir();
}, 60_000);

const cli = (...args: string[]) => runCli(['--connect', lab!.system, ...args], 60_000);

describe.skipIf(!lab)('novacron vm info / set / reset / managedsave / clone / delete (lab)', () => {
  it('vm info --json matches virsh for the running lab guest', async () => {
    const name = lab!.runningGuest;
    const info = await cliJson<CliInfo>(['--connect', lab!.system, 'vm', 'info', name, '--json']);
    const dominfo = parseKeyValues(virsh(['dominfo', name]));
    expect(Object.keys(info)).toEqual([
      'name',
      'uuid',
      'state',
      'vcpus',
      'maxVcpus',
      'memoryKiB',
      'maxMemoryKiB',
      'autostart',
      'persistent',
      'disks',
      'nics',
    ]);
    expect(info).toMatchObject({ name, uuid: dominfo.UUID, state: 'running', vcpus: Number(dominfo['CPU(s)']), persistent: true });
    expect(info.maxMemoryKiB).toBe(Number(dominfo['Max memory']!.split(' ')[0]));
    const blk = virsh(['domblklist', name]).trim().split(/\s+/);
    expect(info.disks.map((d) => [d.target, d.source])).toEqual([[blk[0], blk[1]]]);
    const vol = parseKeyValues(virsh(['vol-info', '--bytes', blk[1]!]));
    expect(info.disks[0]!.capacity).toBe(Number(vol.Capacity!.split(' ')[0]));
    expect(info.nics[0]!.network).toBe(lab!.network);
    expect(virsh(['domiflist', name])).toContain(info.nics[0]!.mac!);
    const text = await cli('vm', 'info', name);
    expect(text.stdout).toMatch(/State:\s+running \(booted\)/);
  });

  it('vm set changes a shut-off machine for its next boot; refuses bad options with exit 2', async () => {
    const r = await cli('vm', 'set', vm.name, '--vcpus', '2', '--memory', '131072');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^vCPUs set to 2 \(config: .*\)\nMemory set to 131072 KiB \(config: .*\)\n$/);
    const d = parseKeyValues(virsh(['dominfo', vm.name]));
    expect(d['CPU(s)']).toBe('2');
    expect(d['Max memory']).toBe('131072 KiB');
    expectOneLineFailure(await cli('vm', 'set', vm.name), 2);
    expectOneLineFailure(await cli('vm', 'set', vm.name, '--vcpus', '1', '--live', '--config'), 2);
    expectOneLineFailure(await cli('vm', 'set', vm.name, '--vcpus', 'two'), 2);
    const live = expectOneLineFailure(await cli('vm', 'set', vm.name, '--vcpus', '1', '--live'), 1);
    expect(live).toContain('not running');
  });

  it('vm reset and vm managedsave on a running machine, confirmed by virsh', async () => {
    virsh(['start', vm.name]);
    const reset = await cli('vm', 'reset', vm.name);
    expect(reset.stdout).toBe(`Domain '${vm.name}' was reset\n`);
    expect(virsh(['domstate', vm.name]).trim()).toBe('running');
    const over = expectOneLineFailure(await cli('vm', 'set', vm.name, '--vcpus', '3', '--live'), 2);
    expect(over).toContain("beyond the running machine's maximum");
    const save = await cli('vm', 'managedsave', vm.name);
    expect(save.stderr).toBe('');
    expect(save.stdout).toBe(`Domain '${vm.name}' state saved\n`);
    expect(virsh(['domstate', '--reason', vm.name]).trim()).toBe('shut off (saved)');
    expectOneLineFailure(await cli('vm', 'managedsave', vm.name), 1);
  }, 60_000);

  it('vm clone copies the machine; vm delete --with-storage removes it and its volume', async () => {
    const name = uniqueName('cliclone');
    remember(name);
    const running = expectOneLineFailure(await cli('vm', 'clone', lab!.runningGuest, name), 1);
    expect(running).toContain('is running');
    const r = await cli('vm', 'clone', vm.name, name);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Domain '${vm.name}' cloned as '${name}' \\([0-9a-f-]{36}\\)\\n$`));
    expect(virsh(['domuuid', name]).trim()).not.toBe(vm.uuid);
    expect(poolVolumes(name)).toEqual([`${name}.qcow2`]);
    const taken = expectOneLineFailure(await cli('vm', 'clone', vm.name, name), 1);
    expect(taken).toContain('already exists');
    const del = await cli('vm', 'delete', name, '--with-storage');
    expect(del.stderr).toBe('');
    expect(del.stdout).toBe(`Domain '${name}' deleted\nVolume '${lab!.poolPath}/${name}.qcow2' deleted\n`);
    expect(virsh(['list', '--all', '--name'])).not.toContain(name);
    expect(poolVolumes(name)).toEqual([]);
    expectOneLineFailure(await cli('vm', 'delete', name), 1);
  }, 60_000);
});
