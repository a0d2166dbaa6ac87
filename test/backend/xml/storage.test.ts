/**
 * Pools and volumes: the lab pool and its volumes parsed and checked against
 * pool-info / vol-info; buildPoolXml and buildVolumeXml round-tripped through
 * libvirt on throwaway "apitest-xmltest-" pools and volumes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPoolXml, buildVolumeXml, parsePool, parseStoragePoolCapabilities, parseVolume } from '../../../electron/backend/xml/index.js';
import { lab, parseKeyValues, virsh } from '../../helpers/lab.js';
import { Throwaways } from './throwaway.js';

/** Reads a document and its info view until both come from the same moment (other suites write to the pool). */
function stable<T>(read: () => T): T {
  for (let i = 0; i < 5; i++) {
    const a = JSON.stringify(read());
    const b = read();
    if (JSON.stringify(b) === a) return b;
  }
  return read();
}

describe.skipIf(!lab)('parsePool and parseVolume on the lab pool', () => {
  it('the lab pool matches pool-info', () => {
    const [p, info] = stable(
      () => [parsePool(virsh(['pool-dumpxml', lab!.pool])), parseKeyValues(virsh(['pool-info', lab!.pool, '--bytes']))] as const,
    );
    expect(p).toMatchObject({ type: 'dir', name: info['Name'], uuid: info['UUID'], targetPath: lab!.poolPath, source: {} });
    expect(p.capacityBytes).toBe(Number(info['Capacity']));
    expect(p.allocationBytes).toBe(Number(info['Allocation']));
    expect(p.availableBytes).toBe(Number(info['Available']));
  });

  it('every lab volume matches vol-info and vol-path', () => {
    const names = virsh(['vol-list', lab!.pool])
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0]!)
      .filter((n) => n.startsWith('nc-guest-'));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) {
      const [v, info] = stable(
        () =>
          [
            parseVolume(virsh(['vol-dumpxml', '--pool', lab!.pool, n])),
            parseKeyValues(virsh(['vol-info', '--pool', lab!.pool, n, '--bytes'])),
          ] as const,
      );
      expect(v).toMatchObject({ name: info['Name'], type: info['Type'], format: 'qcow2' });
      expect(`${v.capacityBytes} bytes`).toBe(info['Capacity']);
      expect(`${v.allocationBytes} bytes`).toBe(info['Allocation']);
      expect(v.targetPath).toBe(virsh(['vol-path', '--pool', lab!.pool, n]).trim());
      expect(v.key).toBe(v.targetPath);
    }
  });
});

describe.skipIf(!lab)('buildVolumeXml through libvirt', () => {
  const t = new Throwaways();
  afterAll(() => t.cleanup());

  it('qcow2, raw and a qcow2 overlay on a backing volume', () => {
    const base = `${t.name('base')}.qcow2`;
    const raw = `${t.name('raw')}.img`;
    const overlay = `${t.name('ovl')}.qcow2`;
    t.createVolume(lab!.pool, base, buildVolumeXml({ name: base, format: 'qcow2', capacityBytes: 3 * 1024 * 1024 }));
    t.createVolume(lab!.pool, raw, buildVolumeXml({ name: raw, format: 'raw', capacityBytes: 65536, allocationBytes: 65536 }));
    const basePath = `${lab!.poolPath}/${base}`;
    t.createVolume(
      lab!.pool,
      overlay,
      buildVolumeXml({ name: overlay, format: 'qcow2', capacityBytes: 3 * 1024 * 1024, backing: { path: basePath, format: 'qcow2' } }),
    );
    const b = parseVolume(virsh(['vol-dumpxml', '--pool', lab!.pool, base]));
    expect(b).toMatchObject({ name: base, type: 'file', format: 'qcow2', capacityBytes: 3 * 1024 * 1024, targetPath: basePath });
    expect(b.backingStore).toBeUndefined();
    expect(virsh(['vol-info', '--pool', lab!.pool, base, '--bytes'])).toContain(`${3 * 1024 * 1024} bytes`);
    const r = parseVolume(virsh(['vol-dumpxml', '--pool', lab!.pool, raw]));
    expect(r).toMatchObject({ format: 'raw', capacityBytes: 65536 });
    expect(r.allocationBytes).toBeGreaterThanOrEqual(65536);
    const o = parseVolume(virsh(['vol-dumpxml', '--pool', lab!.pool, overlay]));
    expect(o).toMatchObject({ format: 'qcow2', backingStore: { path: basePath, format: 'qcow2' } });
  });

  it('refuses bad volume specs', () => {
    expect(() => buildVolumeXml({ name: 'v', format: 'qcow2', capacityBytes: 0 })).toThrow(/capacityBytes: must be a positive integer/);
    expect(() => buildVolumeXml({ name: 'v', format: 'qcow2', capacityBytes: -5 })).toThrow(/capacityBytes/);
    expect(() => buildVolumeXml({ name: 'v', format: 'vmdk' as 'raw', capacityBytes: 1 })).toThrow(/format: must be one of qcow2, raw/);
    expect(() => buildVolumeXml({ name: 'v', format: 'qcow2', capacityBytes: 10, allocationBytes: 11 })).toThrow(/allocationBytes/);
    expect(() => buildVolumeXml({ name: 'v', format: 'raw', capacityBytes: 10, backing: { path: '/a', format: 'raw' } })).toThrow(
      /backing/,
    );
    expect(() => buildVolumeXml({ name: 'v', format: 'qcow2', capacityBytes: 10, backing: { path: 'a/../b', format: 'raw' } })).toThrow(
      /absolute/,
    );
  });
});

describe.skipIf(!lab)('buildPoolXml through libvirt', () => {
  const t = new Throwaways();
  const dir = mkdtempSync(join(tmpdir(), 'novacron-xmltest-pool-'));
  afterAll(() => {
    t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a dir pool defines, starts, and reads back matching pool-info', () => {
    const name = t.name('dir');
    t.definePool(name, buildPoolXml({ type: 'dir', name, targetPath: `${dir}/dirpool` }));
    virsh(['pool-build', name]);
    virsh(['pool-start', name]);
    const p = parsePool(virsh(['pool-dumpxml', name]));
    const info = parseKeyValues(virsh(['pool-info', name, '--bytes']));
    expect(p).toMatchObject({ type: 'dir', name, uuid: info['UUID'], targetPath: `${dir}/dirpool` });
    expect(p.capacityBytes).toBe(Number(info['Capacity']));
    expect(p.capacityBytes).toBeGreaterThan(0);
  });

  it('netfs and logical pools define with their sources', () => {
    const nfs = t.name('nfs');
    t.definePool(
      nfs,
      buildPoolXml({ type: 'netfs', name: nfs, targetPath: `${dir}/mnt`, host: 'nfs.example.org', sourceDir: '/export/vms' }),
    );
    expect(parsePool(virsh(['pool-dumpxml', '--inactive', nfs]))).toMatchObject({
      type: 'netfs',
      targetPath: `${dir}/mnt`,
      source: { host: 'nfs.example.org', dir: '/export/vms', format: 'nfs' },
    });
    const lvm = t.name('lvm');
    const vg = `vg${lvm.slice(-8)}`;
    t.definePool(lvm, buildPoolXml({ type: 'logical', name: lvm, vgName: vg, devices: ['/dev/nonexistent-pv'] }));
    expect(parsePool(virsh(['pool-dumpxml', '--inactive', lvm]))).toMatchObject({
      type: 'logical',
      targetPath: `/dev/${vg}`,
      source: { name: vg, device: '/dev/nonexistent-pv', format: 'lvm2' },
    });
    expect(parseKeyValues(virsh(['pool-info', lvm]))['State']).toBe('inactive');
  });

  it('refuses bad pool specs', () => {
    expect(() => buildPoolXml({ type: 'dir', name: 'p', targetPath: 'relative' })).toThrow(
      /targetPath: "relative" is not an absolute path/,
    );
    expect(() => buildPoolXml({ type: 'netfs', name: 'p', targetPath: '/m', host: 'h', sourceDir: '' })).toThrow(/sourceDir/);
    expect(() => buildPoolXml({ type: 'zfs' as 'dir', name: 'p', targetPath: '/m' })).toThrow(/type: must be one of/);
  });
});

describe.skipIf(!lab)('parseStoragePoolCapabilities', () => {
  it('lists the dir pool with qcow2 and raw volumes, and every defined pool type is among the supported ones', () => {
    const caps = parseStoragePoolCapabilities(virsh(['pool-capabilities']));
    const dir = caps.pools.find((p) => p.type === 'dir');
    expect(dir?.volumeFormats).toEqual(expect.arrayContaining(['raw', 'qcow2']));
    expect(dir?.defaultVolumeFormat).toBe('raw');
    const types = caps.pools.map((p) => p.type);
    const defined = virsh(['pool-list', '--all', '--name']).trim().split('\n').filter(Boolean);
    for (const name of defined) expect(types).toContain(parsePool(virsh(['pool-dumpxml', name])).type);
  });
});
