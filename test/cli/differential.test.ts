/**
 * The built CLI against virsh on the same daemons: domains (lab guests and the
 * 1,000-domain test host), domain XML, pools, networks, the host, one bulk
 * stats sweep, and the same listing over qemu+ssh. Read-only: nothing changes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lab, parseKeyValues, virsh } from '../helpers/lab.js';
import {
  big,
  buildCli,
  cliJson,
  countBy,
  lines,
  parseVirshList,
  removeDataDir,
  runCli,
  virshStateToCli,
  type CliHost,
  type CliNet,
  type CliPool,
  type CliStats,
  type CliVm,
} from './helpers.js';

const L = lab!;

beforeAll(() => {
  if (lab) buildCli();
});

afterAll(() => removeDataDir());

describe.skipIf(!lab)('novacron CLI vs virsh (lab)', () => {
  it('vm list --json: the lab guests with the names, uuids, states, vCPUs, memory and flags virsh reports', async () => {
    const vms = await cliJson<CliVm[]>(['--connect', L.system, 'vm', 'list', '--json']);
    expect(vms.map((v) => v.name).sort()).toEqual(lines(virsh(['list', '--all', '--name'])).sort());
    expect(vms.map((v) => v.name)).toEqual([...vms.map((v) => v.name)].sort((a, b) => a.localeCompare(b)));
    for (const name of L.guests) {
      const vm = vms.find((v) => v.name === name);
      expect(vm, name).toBeDefined();
      const info = parseKeyValues(virsh(['dominfo', name]));
      expect(vm!.uuid).toBe(virsh(['domuuid', name]).trim());
      expect(vm!.uuid).toBe(info.UUID);
      expect(vm!.state).toBe(virshStateToCli(virsh(['domstate', name])));
      expect(vm!.id).toBe(info.Id === '-' ? -1 : Number(info.Id));
      expect(vm!.vcpus).toBe(Number(info['CPU(s)']));
      expect(`${vm!.maxMemoryKiB} KiB`).toBe(info['Max memory']);
      expect(`${vm!.memoryKiB} KiB`).toBe(info['Used memory']);
      expect(vm!.persistent).toBe(info.Persistent === 'yes');
      expect(vm!.autostart).toBe(info.Autostart === 'enable');
    }
    expect(vms.find((v) => v.name === L.runningGuest)!.state).toBe('running');
  });

  it('vm list --json on the test host: 1,000 domains, the same names and per-state counts as virsh list --all', async () => {
    const vms = await cliJson<CliVm[]>(['--connect', L.testHost, 'vm', 'list', '--json']);
    const theirs = parseVirshList(virsh(['list', '--all'], L.testHost));
    expect(theirs.size).toBe(L.testHostDomains ?? 1000);
    expect(vms).toHaveLength(L.testHostDomains ?? 1000);
    expect(new Set(vms.map((v) => v.uuid)).size).toBe(vms.length);
    expect(vms.map((v) => v.name).sort()).toEqual([...theirs.keys()].sort());
    const theirStates = [...theirs.values()].map(virshStateToCli);
    expect(countBy(vms.map((v) => v.state))).toEqual(countBy(theirStates));
    if (typeof L.testHostRunning === 'number') expect(vms.filter((v) => v.state === 'running')).toHaveLength(L.testHostRunning);
    // Not only the counts: every domain is in the state virsh gives it.
    for (const v of vms) expect(v.state, v.name).toBe(virshStateToCli(theirs.get(v.name)!));
  });

  it('vm xml NAME prints exactly what virsh dumpxml prints', async () => {
    const cases: [string, string][] = [...L.guests.map((g): [string, string] => [L.system, g]), [L.testHost, 'sim-0001']];
    for (const [uri, name] of cases) {
      const r = await runCli(['--connect', uri, 'vm', 'xml', name]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      const theirs = virsh(['dumpxml', name], uri);
      expect(r.stdout.startsWith('<domain '), name).toBe(true);
      // virsh adds one more newline after the daemon's text; the CLI ends it with exactly one.
      expect(r.stdout, name).toBe(`${theirs.trimEnd()}\n`);
    }
  });

  it('pool list --json matches virsh pool-list --all and pool-info --bytes', async () => {
    const pools = await cliJson<CliPool[]>(['--connect', L.system, 'pool', 'list', '--json']);
    expect(pools.map((p) => p.name).sort()).toEqual(lines(virsh(['pool-list', '--all', '--name'])).sort());
    expect(pools.some((p) => p.name === L.pool)).toBe(true);
    for (const p of pools) {
      const info = parseKeyValues(virsh(['pool-info', '--bytes', p.name]));
      expect(p.uuid, p.name).toBe(info.UUID);
      expect(p.state, p.name).toBe(info.State);
      expect(p.persistent, p.name).toBe(info.Persistent === 'yes');
      expect(p.autostart, p.name).toBe(info.Autostart === 'yes');
      if (p.state === 'running') {
        expect(big(p.capacity), p.name).toBe(BigInt(info.Capacity!));
        expect(big(p.allocation), p.name).toBe(BigInt(info.Allocation!));
        expect(big(p.available), p.name).toBe(BigInt(info.Available!));
      }
    }
    expect(pools.find((p) => p.name === L.pool)!.state).toBe('running');
  });

  it('net list --json matches virsh net-list --all and net-info', async () => {
    const nets = await cliJson<CliNet[]>(['--connect', L.system, 'net', 'list', '--json']);
    expect(nets.map((n) => n.name).sort()).toEqual(lines(virsh(['net-list', '--all', '--name'])).sort());
    for (const n of nets) {
      const info = parseKeyValues(virsh(['net-info', n.name]));
      expect(n.uuid, n.name).toBe(info.UUID);
      expect(n.active, n.name).toBe(info.Active === 'yes');
      expect(n.persistent, n.name).toBe(info.Persistent === 'yes');
      expect(n.autostart, n.name).toBe(info.Autostart === 'yes');
      expect(n.bridge, n.name).toBe(info.Bridge ?? null);
    }
    if (L.network) {
      const mine = nets.find((n) => n.name === L.network);
      expect(mine).toMatchObject({ active: true, bridge: L.bridge });
    }
  });

  it('host info --json matches virsh nodeinfo and virsh hostname', async () => {
    const host = await cliJson<CliHost>(['--connect', L.system, 'host', 'info', '--json']);
    const node = parseKeyValues(virsh(['nodeinfo']));
    expect(host.hostname).toBe(virsh(['hostname']).trim());
    expect(host.uri).toBe(L.system);
    expect(host.cpuModel).toBe(node['CPU model']);
    expect(host.cpus).toBe(Number(node['CPU(s)']));
    expect(`${String(host.memoryKiB)} KiB`).toBe(node['Memory size']);
    expect(host.sockets).toBe(Number(node['CPU socket(s)']));
    expect(host.cores).toBe(Number(node['Core(s) per socket']));
    expect(host.threads).toBe(Number(node['Thread(s) per core']));
    expect(host.numaNodes).toBe(Number(node['NUMA cell(s)']));
    expect(host.hypervisor).toBe('QEMU');
    expect(host.libvirtVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('vm stats --json: one entry per domain; the running guest has cpu, balloon, vcpu, block and net stats', async () => {
    const recs = await cliJson<CliStats[]>(['--connect', L.system, 'vm', 'stats', '--json']);
    const names = recs.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(lines(virsh(['list', '--all', '--name'])).sort());
    for (const r of recs) expect(r.uuid, r.name).toBe(virsh(['domuuid', r.name]).trim());
    const s = recs.find((r) => r.name === L.runningGuest)!.stats;
    expect(s['state.state']).toBe(1);
    expect(typeof s['cpu.time']).toBe('number');
    expect(s['cpu.time']).toBeGreaterThan(0);
    for (const k of ['balloon.current', 'vcpu.current', 'block.count', 'net.count']) expect(typeof s[k], k).toBe('number');
    expect(s['vcpu.current']).toBe(Number(parseKeyValues(virsh(['dominfo', L.runningGuest]))['CPU(s)']));
    expect(s['block.count']).toBeGreaterThanOrEqual(1);
    expect(s['net.count']).toBeGreaterThanOrEqual(1);
    const off = recs.filter((r) => virsh(['domstate', r.name]).trim() === 'shut off');
    for (const r of off) expect(r.stats['state.state'], r.name).toBe(5);
  });

  it('vm stats --json on the test host: one entry per domain', async () => {
    const recs = await cliJson<CliStats[]>(['--connect', L.testHost, 'vm', 'stats', '--json']);
    expect(recs).toHaveLength(L.testHostDomains ?? 1000);
    expect(new Set(recs.map((r) => r.name)).size).toBe(recs.length);
  });

  it('over qemu+ssh, vm list --json is the local one (same daemon); known_hosts is left alone', async () => {
    const before = readFileSync(L.knownHosts);
    const ssh = await cliJson<CliVm[]>(['--connect', L.ssh, '--keyfile', L.keyfile, '--known-hosts', L.knownHosts, 'vm', 'list', '--json']);
    const local = await cliJson<CliVm[]>(['--connect', L.system, 'vm', 'list', '--json']);
    expect(ssh).toEqual(local);
    expect(readFileSync(L.knownHosts).equals(before)).toBe(true);
  });
});
