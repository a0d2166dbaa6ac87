/** vms.details / vms.xml / vms.defineXml against the lab, compared with virsh; the lab guests are only read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { api } from '../../electron/libvirt/index.js';
import { readVmDetails } from '../../electron/backend/vms/details.js';
import { defineVmXml, readVmXml } from '../../electron/backend/vms/define.js';
import { AppError } from '../../electron/backend/errors.js';
import { LibvirtError, uuidToString } from '../../electron/libvirt/index.js';
import { connectLab, lab, parseKeyValues, virsh } from '../helpers/lab.js';
import { makeVm, sweep, type TestVm } from './helpers.js';

let c: LibvirtClient;
let vm: TestVm;

beforeAll(async () => {
  if (!lab) return;
  c = await connectLab();
  vm = await makeVm(c, 'details', { nic: true });
}, 60_000);

afterAll(async () => {
  if (!lab) return;
  await sweep(c);
  await c?.close();
});

async function uuidOf(name: string): Promise<string> {
  return uuidToString((await api.lookupDomainByName(c, name)).uuid);
}

describe.skipIf(!lab)('vms.details (lab)', () => {
  it('describes the running lab guest as virsh does, with state reason, uptime source, disks and NICs', async () => {
    const name = lab!.runningGuest;
    const d = await readVmDetails(c, 'lab', await uuidOf(name));
    const info = parseKeyValues(virsh(['dominfo', name]));
    expect(d.name).toBe(name);
    expect(d.state).toBe('running');
    expect(d.stateReason).toBe(
      virsh(['domstate', '--reason', name])
        .trim()
        .match(/\((.*)\)/)![1],
    );
    expect(d.uptime).toEqual({ since: null, source: 'unknown' });
    expect(d.vcpus).toBe(Number(info['CPU(s)']));
    expect(d.maxMemoryKiB).toBe(Number(info['Max memory']!.split(' ')[0]));
    expect(d.persistent).toBe(info.Persistent === 'yes');
    expect(d.autostart).toBe(info.Autostart === 'enable');
    expect(d.firmware).toBe('bios');
    expect(d.machineType).toMatch(/^pc-/);
    expect(d.bootOrder).toEqual(['hd']);
    expect(d.host.length).toBeGreaterThan(0);
    const disk = d.disks.find((x) => x.target === 'vda')!;
    expect(disk).toMatchObject({ device: 'disk', bus: 'virtio', format: 'qcow2', pool: lab!.pool, volume: `${name}.qcow2` });
    const vol = parseKeyValues(virsh(['vol-info', '--bytes', disk.source!]));
    expect(disk.capacity).toBe(Number(vol.Capacity!.split(' ')[0]));
    expect(d.nics).toHaveLength(1);
    expect(d.nics[0]).toMatchObject({ type: 'network', network: lab!.network, model: 'virtio' });
    expect(virsh(['domiflist', name])).toContain(d.nics[0]!.mac!);
    expect(Array.isArray(d.nics[0]!.addresses)).toBe(true);
  });

  it('reports a shut-off machine with its reason, next-boot values and no addresses', async () => {
    const d = await readVmDetails(c, 'lab', vm.uuid);
    expect(d).toMatchObject({ name: vm.name, uuid: vm.uuid, state: 'shutoff', managedSave: false, persistent: true });
    expect(d.stateReason).toBe(
      virsh(['domstate', '--reason', vm.name])
        .trim()
        .match(/\((.*)\)/)![1],
    );
    expect(d.disks[0]).toMatchObject({ target: 'vda', source: vm.diskPath, capacity: 16 << 20 });
    expect(d.nics[0]!.mac).toMatch(/^52:54:00:/);
    expect(d.nics[0]!.addresses).toEqual([]);
  });

  it('uses the uptime source it is given', async () => {
    const d = await readVmDetails(c, 'lab', vm.uuid, (_c, _u, _id, running) => ({
      since: running ? 1 : null,
      source: running ? 'first-seen' : 'unknown',
    }));
    expect(d.uptime).toEqual({ since: null, source: 'unknown' });
  });

  it('answers not-found for a machine deleted meanwhile', async () => {
    const gone = await makeVm(c, 'gone');
    virsh(['undefine', gone.name]);
    const err = await readVmDetails(c, 'lab', gone.uuid).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('not-found');
    expect((err as AppError).message).toContain('deleted meanwhile');
  });
});

describe.skipIf(!lab)('vms.xml / vms.defineXml (lab)', () => {
  it('reads the inactive XML and redefines an edited one through libvirt', async () => {
    const xml = await readVmXml(c, vm.uuid, true);
    expect(xml).toContain(`<name>${vm.name}</name>`);
    const edited = xml
      .replace("<memory unit='KiB'>98304</memory>", "<memory unit='KiB'>131072</memory>")
      .replace("<currentMemory unit='KiB'>98304</currentMemory>", "<currentMemory unit='KiB'>131072</currentMemory>");
    expect(edited).not.toBe(xml);
    const after = await defineVmXml(c, vm.uuid, edited);
    expect(after).toContain("<memory unit='KiB'>131072</memory>");
    expect(parseKeyValues(virsh(['dominfo', vm.name]))['Max memory']).toBe('131072 KiB');
  });

  it("refuses a changed name or UUID, a missing UUID and malformed XML; passes libvirt's own refusal through", async () => {
    const xml = await readVmXml(c, vm.uuid, true);
    const fail = (x: string) => defineVmXml(c, vm.uuid, x).catch((e: unknown) => e);
    const renamed = await fail(xml.replace(`<name>${vm.name}</name>`, `<name>${vm.name}-x</name>`));
    expect((renamed as AppError).code).toBe('invalid-input');
    expect((renamed as AppError).message).toContain('<name>');
    const otherUuid = await fail(xml.replace(/<uuid>[^<]+<\/uuid>/, '<uuid>00000000-1111-2222-3333-444444444444</uuid>'));
    expect((otherUuid as AppError).message).toContain('would define a different machine');
    const noUuid = await fail(xml.replace(/<uuid>[^<]+<\/uuid>/, ''));
    expect((noUuid as AppError).message).toContain('has no <uuid>');
    const broken = await fail('<domain><name>x</name');
    expect((broken as AppError).code).toBe('invalid-input');
    const invalid = await fail(xml.replace('<features>', '<features><no-such-feature/>'));
    expect(invalid).toBeInstanceOf(LibvirtError);
    expect((invalid as LibvirtError).message.length).toBeGreaterThan(5);
    expect(virsh(['dumpxml', '--inactive', vm.name])).not.toContain('no-such-feature');
  });
});
