import { describe, expect, it } from 'vitest';
import type { CreateChoices } from '../../../shared/contract/vm-create';
import { defaultsFor, EMPTY_FORM, problemsOf, stepHasProblem, toRequest, type CreateForm } from './create-form';

const GiB = 2 ** 30;
const choices: CreateChoices = {
  pools: [
    { name: 'off', active: false, availableBytes: 0, volumes: [] },
    {
      name: 'images',
      active: true,
      availableBytes: 20 * GiB,
      volumes: [
        { name: 'debian.qcow2', capacityBytes: 2 * GiB, format: 'qcow2' },
        { name: 'netinst.iso', capacityBytes: GiB / 2, format: 'raw' },
      ],
    },
  ],
  networks: [
    { name: 'down', active: false },
    { name: 'default', active: true },
  ],
  virtTypes: [{ type: 'qemu', machine: 'pc-i440fx-7.2', emulator: '/usr/bin/qemu-system-x86_64', maxVcpus: 255, firmwares: ['bios'] }],
  defaultVirtType: 'qemu',
  hostMemoryKiB: 4096 * 1024,
  hostCpus: 2,
  takenNames: ['web-1'],
};
const filled = (over: Partial<CreateForm> = {}): CreateForm => ({
  ...defaultsFor({ ...EMPTY_FORM, connectionId: 'h1', name: 'db-1' }, choices),
  ...over,
});

describe('the create wizard form', () => {
  it('takes the host defaults: its accelerator, an active pool and network, memory it has', () => {
    const f = filled();
    expect([f.virtType, f.pool, f.network, f.memoryMiB]).toEqual(['qemu', 'images', 'default', 1024]);
    expect(filled({ memoryMiB: 9999 }).memoryMiB).toBe(9999);
    expect(defaultsFor({ ...EMPTY_FORM, memoryMiB: 9999 }, choices).memoryMiB).toBe(4096);
    expect(problemsOf(f, choices)).toEqual({});
  });

  it('makes the request the contract takes, per disk kind', () => {
    expect(toRequest(filled({ sizeGiB: 1.5 }))).toMatchObject({
      connectionId: 'h1',
      name: 'db-1',
      memoryKiB: 1024 * 1024,
      virtType: 'qemu',
      network: 'default',
      disk: { kind: 'new-volume', pool: 'images', capacityBytes: 1.5 * GiB, format: 'qcow2' },
    });
    const cloud = filled({ diskKind: 'cloud-image', image: 'debian.qcow2', sizeGiB: '', ciUser: 'ops', ciHostname: 'db-1', ciKey: '' });
    expect(toRequest(cloud).disk).toEqual({
      kind: 'cloud-image',
      pool: 'images',
      image: 'debian.qcow2',
      cloudInit: { user: 'ops', hostname: 'db-1' },
    });
    expect(problemsOf(cloud, choices)).toEqual({});
    expect(toRequest(filled({ network: null, diskKind: 'none' }))).not.toHaveProperty('network');
  });

  it('names each problem on its field and step', () => {
    const p = problemsOf(filled({ name: 'web-1', vcpus: 0, memoryMiB: 8192, sizeGiB: 50, firmware: 'efi' }), choices);
    expect(p.name).toMatch(/already exists/);
    expect(p.vcpus).toMatch(/at least 1/);
    expect(p.memoryMiB).toMatch(/4096 MiB/);
    expect(p.firmware).toMatch(/UEFI/);
    expect(p.sizeGiB).toMatch(/20\.0 GiB free/);
    expect([0, 1, 2, 3].map((s) => stepHasProblem(s, p))).toEqual([true, true, true, false]);
    const cloud = problemsOf(
      filled({ diskKind: 'cloud-image', image: 'debian.qcow2', sizeGiB: 1, ciUser: 'Bad User', ciHostname: '-x', ciKey: 'not a key' }),
      choices,
    );
    expect(cloud.sizeGiB).toMatch(/At least the image's 2\.00 GiB/);
    expect(cloud.ciUser).toMatch(/user name/);
    expect(cloud.ciHostname).toMatch(/host name/);
    expect(cloud.ciKey).toMatch(/OpenSSH public key/);
    expect(problemsOf(filled({ diskKind: 'iso' }), choices).isoVolume).toBe('Pick one');
    expect(problemsOf(filled({ name: 'a/b' }), choices).name).toMatch(/"\/"/);
  });
});
