/**
 * `vm create` of the built CLI against the lab, checked with virsh: a new
 * volume with a NIC, an existing volume plus a CD-ROM, started; and its
 * one-line failures with the documented exit codes (1: refused by the host
 * or missing, 2: bad input), none of which leaves anything behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type LibvirtClient } from '../../electron/libvirt/index.js';
import { connectLab, lab, parseKeyValues, uniqueName, virsh } from '../helpers/lab.js';
import { poolVolumes, remember, sweep } from '../vms/helpers.js';
import { buildCli, cliJson, expectOneLineFailure, removeDataDir, runCli } from './helpers.js';

let c: LibvirtClient;
const virtType = lab?.accel === 'kvm' ? 'kvm' : 'qemu';
const bootable = String(lab?.['bootableVolume'] ?? 'nc-bootable.qcow2');

beforeAll(async () => {
  if (!lab) return;
  buildCli();
  c = await connectLab();
}, 120_000);

afterAll(async () => {
  if (lab) await sweep(c);
  await c?.close();
  removeDataDir();
}, 60_000);

const connect = () => ['--connect', lab!.system];
const domains = () => virsh(['list', '--all', '--name']).split('\n');

describe.skipIf(!lab)('novacron vm create (lab)', () => {
  it('creates a machine on a new volume with a NIC, shut off', async () => {
    const name = uniqueName('clicreate');
    remember(name);
    const r = await cliJson<{ name: string; uuid: string; started: boolean; createdVolumes: number }>([
      ...connect(),
      '--json',
      'vm',
      'create',
      name,
      '--memory',
      '131072',
      '--vcpus',
      '2',
      '--disk',
      `${lab!.pool}:16M`,
      '--network',
      lab!.network,
      '--virt-type',
      virtType,
    ]);
    expect(r).toMatchObject({ name, started: false, createdVolumes: 1 });
    const info = parseKeyValues(virsh(['dominfo', name]));
    expect([info['UUID'], info['State'], info['CPU(s)'], info['Max memory']]).toEqual([r.uuid, 'shut off', '2', '131072 KiB']);
    expect(virsh(['domblklist', name])).toMatch(new RegExp(`vda\\s+${lab!.poolPath}/${name}\\.qcow2`));
    expect(virsh(['domiflist', name])).toMatch(new RegExp(`network\\s+${lab!.network}\\s+virtio`));
    expect(virsh(['vol-info', '--pool', lab!.pool, `${name}.qcow2`])).toMatch(/Capacity:\s+16\.00 MiB/);
  });

  it('creates on an existing volume with a CD-ROM and starts it', async () => {
    const name = uniqueName('clistart');
    remember(name);
    const pool = await api.lookupStoragePoolByName(c, lab!.pool);
    await api.createStorageVolume(
      c,
      pool,
      `<volume><name>${name}-own.raw</name><capacity>4194304</capacity><target><format type='raw'/></target></volume>`,
    );
    const r = await runCli([
      ...connect(),
      'vm',
      'create',
      name,
      '--memory',
      '98304',
      '--vcpus',
      '1',
      '--disk',
      `${lab!.pool}/${name}-own.raw`,
      '--cdrom',
      `${lab!.pool}/${bootable}`,
      '--virt-type',
      virtType,
      '--start',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Domain '${name}' created \\([0-9a-f-]{36}\\) and started\\n$`));
    expect(virsh(['domstate', name]).trim()).toBe('running');
    const blk = virsh(['domblklist', name]);
    expect(blk).toMatch(new RegExp(`vda\\s+${lab!.poolPath}/${name}-own\\.raw`));
    expect(blk).toMatch(new RegExp(`(hdc|sda)\\s+${lab!.poolPath}/${bootable}`));
    virsh(['destroy', name]);
  });

  it('fails with one line and the documented exit code, leaving nothing behind', async () => {
    const name = uniqueName('clifail');
    const args = (over: Record<string, string>, n = name) => {
      const o: Record<string, string> = {
        '--memory': '131072',
        '--vcpus': '1',
        '--disk': `${lab!.pool}:8M`,
        '--virt-type': virtType,
        ...over,
      };
      return [...connect(), 'vm', 'create', n, ...Object.entries(o).flatMap(([k, v]) => (v === '' ? [] : [k, v]))];
    };
    const cases: Array<[string[], number, RegExp]> = [
      [args({}, lab!.runningGuest), 1, /already exists/],
      [args({ '--disk': `${lab!.pool}:512T` }), 2, /do not fit/],
      [args({ '--disk': `${lab!.pool}/${name}-missing.qcow2` }), 1, /has no volume/],
      [args({ '--cdrom': `${lab!.pool}/${name}-missing.iso` }), 1, /has no volume/],
      [args({ '--network': `${name}-net` }), 1, /no network/],
      [args({ '--vcpus': '0' }), 2, /at least 1 vCPU/],
      [args({ '--memory': String(2 ** 39) }), 2, /does not fit/],
      [args({ '--disk': 'nopool' }), 2, /POOL:SIZE/],
      [args({ '--disk': `${lab!.pool}:lots` }), 2, /not a size/],
      [args({ '--disk': '' }), 2, /needs --disk/],
      [args({ '--virt-type': 'xen' }), 2, /kvm, qemu/],
    ];
    for (const [argv, code, msg] of cases) {
      const line = expectOneLineFailure(await runCli(argv), code);
      expect([argv.join(' '), line]).toEqual([argv.join(' '), expect.stringMatching(msg)]);
    }
    expect(domains()).not.toContain(name);
    expect(poolVolumes(name)).toEqual([]);
  }, 120_000);
});
