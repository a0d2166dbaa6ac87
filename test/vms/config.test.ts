/**
 * Changing machines against the lab: vCPUs and memory (live vs next boot),
 * autostart, disks (new volume, existing volume, ISO), CD-ROM media, NICs,
 * and the refusals (pool full, name taken, volume missing, no CD-ROM drive,
 * beyond the running maximum). Only throwaway guests are changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { api } from '../../electron/libvirt/index.js';
import { setVmAutostart, setVmResources } from '../../electron/backend/vms/resources.js';
import { attachVmDisk, detachVmDisk } from '../../electron/backend/vms/disks.js';
import { changeVmMedia } from '../../electron/backend/vms/media.js';
import { attachVmNic, detachVmNic } from '../../electron/backend/vms/nics.js';
import { connectLab, lab, parseKeyValues, virsh } from '../helpers/lab.js';
import { volumeXml } from '../libvirt/api/throwaway.js';
import { makeVm, poolVolumes, refusal, sweep, type TestVm } from './helpers.js';

let c: LibvirtClient;
let off: TestVm;
let on: TestVm;
let isoPath: string;

beforeAll(async () => {
  if (!lab) return;
  c = await connectLab();
  off = await makeVm(c, 'cfg-off', { nic: true });
  on = await makeVm(c, 'cfg-on', { start: true });
  const pool = await api.lookupStoragePoolByName(c, lab.pool);
  isoPath = await api.getStorageVolumePath(c, await api.createStorageVolume(c, pool, volumeXml(`${off.name}-media.iso`, 1 << 20, 'raw')));
}, 60_000);

afterAll(async () => {
  if (!lab) return;
  await sweep(c);
  await c?.close();
});

const dominfo = (name: string) => parseKeyValues(virsh(['dominfo', name]));
const diskTargets = (name: string, inactive = false) =>
  virsh(['domblklist', ...(inactive ? ['--inactive'] : []), name])
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((t) => t);

describe.skipIf(!lab)('vCPUs, memory and autostart (lab)', () => {
  it('changes a shut-off machine for its next boot, raising the maximum when needed', async () => {
    const r = await setVmResources(c, off.uuid, { vcpus: 2, memoryKiB: 131072, mode: 'auto' });
    expect(r.vcpus).toEqual({ applied: 'config', reason: expect.stringContaining('the maximum is raised from 1 vCPU to 2 vCPUs') });
    expect(r.memory?.applied).toBe('config');
    expect(dominfo(off.name)['CPU(s)']).toBe('2');
    expect(dominfo(off.name)['Max memory']).toBe('131072 KiB');
  });

  it('vCPUs beyond the running maximum: refused live, next boot only in auto', async () => {
    const live = await refusal(setVmResources(c, on.uuid, { vcpus: 2, mode: 'live' }));
    expect(live.code).toBe('invalid-input');
    expect(live.message).toContain("beyond the running machine's maximum of 1 vCPU");
    const auto = await setVmResources(c, on.uuid, { vcpus: 2, mode: 'auto' });
    expect(auto.vcpus).toEqual({ applied: 'config', reason: expect.stringContaining('next boot only') });
    expect(virsh(['vcpucount', '--live', '--active', on.name]).trim()).toBe('1');
    expect(virsh(['vcpucount', '--config', '--maximum', on.name]).trim()).toBe('2');
  });

  it('memory within the running maximum applies live and for the next boot', async () => {
    const r = await setVmResources(c, on.uuid, { memoryKiB: 65536, mode: 'auto' });
    expect(r.memory).toEqual({ applied: 'both', reason: 'now and from the next boot' });
    expect(virsh(['dumpxml', '--inactive', on.name])).toContain("<currentMemory unit='KiB'>65536</currentMemory>");
    const cfg = await setVmResources(c, on.uuid, { memoryKiB: 90112, mode: 'config' });
    expect(cfg.memory?.applied).toBe('config');
  });

  it('refuses a live change of a machine that is off', async () => {
    const e = await refusal(setVmResources(c, off.uuid, { vcpus: 1, mode: 'live' }));
    expect(e.code).toBe('operation-invalid');
  });

  it('sets autostart', async () => {
    expect(await setVmAutostart(c, off.uuid, true)).toEqual({ autostart: true });
    expect(dominfo(off.name).Autostart).toBe('enable');
    expect(await setVmAutostart(c, off.uuid, false)).toEqual({ autostart: false });
  });
});

describe.skipIf(!lab)('disks and CD-ROM media (lab)', () => {
  it('adds a new pool volume as the next free virtio target, and removes it with its volume', async () => {
    const r = await attachVmDisk(c, off.uuid, { source: { kind: 'new-volume', pool: lab!.pool, capacityBytes: 8 << 20, format: 'qcow2' } });
    expect(r).toMatchObject({ applied: 'config', target: 'vdb', createdVolume: true });
    expect(r.source).toContain(`${off.name}-vdb.qcow2`);
    expect(diskTargets(off.name, true)).toContain('vdb');
    const d = await detachVmDisk(c, off.uuid, { target: 'vdb', deleteVolume: true });
    expect(d.deletedVolume).toBe(r.source);
    expect(diskTargets(off.name, true)).not.toContain('vdb');
    expect(poolVolumes(`${off.name}-vdb`)).toEqual([]);
  });

  it('hot-plugs a new disk into a running machine and keeps it for the next boot', async () => {
    const r = await attachVmDisk(c, on.uuid, {
      source: { kind: 'new-volume', pool: lab!.pool, volume: `${on.name}-hot.raw`, capacityBytes: 4 << 20, format: 'raw' },
    });
    expect(r).toMatchObject({ applied: 'both', target: 'vdb' });
    expect(diskTargets(on.name)).toContain('vdb');
    expect(diskTargets(on.name, true)).toContain('vdb');
  });

  it('adds an existing volume; refuses a missing volume, a taken name and a pool too small', async () => {
    const pool = await api.lookupStoragePoolByName(c, lab!.pool);
    await api.createStorageVolume(c, pool, volumeXml(`${off.name}-data.raw`, 2 << 20, 'raw'));
    const r = await attachVmDisk(c, off.uuid, { source: { kind: 'volume', pool: lab!.pool, volume: `${off.name}-data.raw` } });
    expect(r).toMatchObject({ target: 'vdb', createdVolume: false });
    expect(virsh(['dumpxml', '--inactive', off.name])).toMatch(/<driver name='qemu' type='raw'\/>\s*<source file='[^']*-data.raw'/);
    const twice = await refusal(attachVmDisk(c, off.uuid, { source: { kind: 'volume', pool: lab!.pool, volume: `${off.name}-data.raw` } }));
    expect(twice.code).toBe('conflict');
    const missing = await refusal(
      attachVmDisk(c, off.uuid, { source: { kind: 'volume', pool: lab!.pool, volume: `${off.name}-nope.qcow2` } }),
    );
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('has no volume');
    const taken = await refusal(
      attachVmDisk(c, off.uuid, {
        source: { kind: 'new-volume', pool: lab!.pool, volume: `${off.name}-data.raw`, capacityBytes: 1 << 20, format: 'raw' },
      }),
    );
    expect(taken.code).toBe('conflict');
    const avail = Number(parseKeyValues(virsh(['pool-info', '--bytes', lab!.pool])).Available!.split(' ')[0]);
    const full = await refusal(
      attachVmDisk(c, off.uuid, { source: { kind: 'new-volume', pool: lab!.pool, capacityBytes: avail * 2, format: 'qcow2' } }),
    );
    expect(full.code).toBe('invalid-input');
    expect(full.message).toContain('does not fit');
    expect(poolVolumes(`${off.name}-vdc`)).toEqual([]);
    const nopool = await refusal(
      attachVmDisk(c, off.uuid, { source: { kind: 'new-volume', pool: 'apitest-no-pool', capacityBytes: 1 << 20, format: 'qcow2' } }),
    );
    expect(nopool.code).toBe('not-found');
    await detachVmDisk(c, off.uuid, { target: 'vdb', deleteVolume: false });
    expect(poolVolumes(`${off.name}-data`)).toHaveLength(1);
  });

  it('changing media on a machine without a CD-ROM drive is refused clearly', async () => {
    const e = await refusal(changeVmMedia(c, off.uuid, undefined, isoPath));
    expect(e.code).toBe('operation-invalid');
    expect(e.message).toContain('has no CD-ROM drive');
    const notCd = await refusal(changeVmMedia(c, off.uuid, 'vda', isoPath));
    expect(notCd.message).toContain('not a CD-ROM drive');
  });

  it('adds an ISO as a SATA CD-ROM (next boot on a running machine), ejects and changes media', async () => {
    const r = await attachVmDisk(c, off.uuid, { source: { kind: 'iso', path: isoPath } });
    expect(r).toMatchObject({ applied: 'config', target: 'sda' });
    expect(virsh(['domblklist', '--inactive', '--details', off.name])).toMatch(/cdrom\s+sda\s+\S+media\.iso/);
    const ej = await changeVmMedia(c, off.uuid, undefined, null);
    expect(ej).toMatchObject({ target: 'sda', applied: 'config' });
    expect(virsh(['domblklist', '--inactive', '--details', off.name])).toMatch(/cdrom\s+sda\s+-/);
    await changeVmMedia(c, off.uuid, 'sda', isoPath);
    expect(virsh(['domblklist', '--inactive', off.name])).toMatch(/sda\s+\S+media\.iso/);
    const deleteIso = await refusal(detachVmDisk(c, off.uuid, { target: 'sda', deleteVolume: true }));
    expect(deleteIso.message).toContain('CD-ROM');
    const running = await attachVmDisk(c, on.uuid, { source: { kind: 'iso', path: isoPath } });
    expect(running.applied).toBe('config');
    expect(running.reason).toContain('cannot be hot-plugged');
    await detachVmDisk(c, off.uuid, { target: 'sda', deleteVolume: false });
    expect(poolVolumes(`${off.name}-media`)).toHaveLength(1);
  });

  it('refuses to remove a disk the machine does not have', async () => {
    const e = await refusal(detachVmDisk(c, off.uuid, { target: 'vdq', deleteVolume: false }));
    expect(e.code).toBe('not-found');
  });
});

describe.skipIf(!lab)('NICs (lab)', () => {
  it('adds a NIC with a chosen MAC, refuses the same MAC twice and an unknown network, removes it', async () => {
    const mac = '52:54:00:aa:bb:01';
    const r = await attachVmNic(c, off.uuid, { type: 'network', source: lab!.network, model: 'e1000', mac });
    expect(r).toEqual({ applied: 'config', reason: expect.stringContaining('next boot'), mac });
    expect(virsh(['domiflist', '--inactive', off.name])).toMatch(new RegExp(`network\\s+${lab!.network}\\s+e1000\\s+${mac}`));
    const twice = await refusal(attachVmNic(c, off.uuid, { type: 'network', source: lab!.network, model: 'virtio', mac }));
    expect(twice.code).toBe('conflict');
    const nonet = await refusal(attachVmNic(c, off.uuid, { type: 'network', source: 'apitest-no-net', model: 'virtio' }));
    expect(nonet.code).toBe('not-found');
    const d = await detachVmNic(c, off.uuid, mac);
    expect(d.applied).toBe('config');
    expect(virsh(['domiflist', '--inactive', off.name])).not.toContain(mac);
    const gone = await refusal(detachVmNic(c, off.uuid, mac));
    expect(gone.code).toBe('not-found');
  });

  it('hot-plugs a bridge NIC with a MAC libvirt picks, and unplugs it', async () => {
    const r = await attachVmNic(c, on.uuid, { type: 'bridge', source: lab!.bridge, model: 'virtio' });
    expect(r.applied).toBe('both');
    expect(r.mac).toMatch(/^52:54:00:/);
    expect(virsh(['domiflist', on.name])).toContain(r.mac);
    const d = await detachVmNic(c, on.uuid, r.mac);
    // The busybox guest may not answer the unplug request in time: then it is pending, and said so.
    if (d.applied === 'config') expect(d.reason).toContain('has not released');
    else expect(d.applied).toBe('both');
    expect(virsh(['domiflist', '--inactive', on.name])).not.toContain(r.mac);
  });
});
