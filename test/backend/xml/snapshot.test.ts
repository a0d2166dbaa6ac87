/**
 * Snapshots on a throwaway qcow2-backed guest: buildSnapshotXml → snapshot-create
 * → snapshot-dumpxml → parseSnapshot, checked against snapshot-info and the
 * parent chain, with a description full of markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDomainXml, buildSnapshotXml, buildVolumeXml, parseSnapshot } from '../../../electron/backend/xml/index.js';
import { lab, parseKeyValues, virsh } from '../../helpers/lab.js';
import { Throwaways } from './throwaway.js';

describe.skipIf(!lab)('snapshots through libvirt', () => {
  const t = new Throwaways();
  let dom = '';
  let uuid = '';
  beforeAll(() => {
    dom = t.name('snap');
    const vol = `${dom}.qcow2`;
    t.createVolume(lab!.pool, vol, buildVolumeXml({ name: vol, format: 'qcow2', capacityBytes: 8 * 1024 * 1024 }));
    t.defineDomain(
      dom,
      buildDomainXml({
        name: dom,
        type: 'qemu',
        memoryMiB: 64,
        vcpus: 1,
        disks: [{ source: { pool: lab!.pool, volume: vol }, target: 'vda' }],
      }),
    );
    uuid = parseKeyValues(virsh(['dominfo', dom]))['UUID']!;
  });
  afterAll(() => {
    for (const s of virsh(['snapshot-list', dom, '--name', '--leaves']).trim().split('\n').filter(Boolean))
      virsh(['snapshot-delete', dom, s]);
    for (const s of virsh(['snapshot-list', dom, '--name']).trim().split('\n').filter(Boolean)) virsh(['snapshot-delete', dom, s]);
    t.cleanup();
  });

  it('a disk-only internal snapshot of a shut-off guest reads back, description unchanged', () => {
    const description = `<script>&"'</script> before "upgrade" & after`;
    const before = Math.floor(Date.now() / 1000);
    virsh(['snapshot-create', dom, t.file(buildSnapshotXml({ name: 'first', description, memory: 'no' }))]);
    const s = parseSnapshot(virsh(['snapshot-dumpxml', dom, 'first']));
    const info = parseKeyValues(virsh(['snapshot-info', dom, 'first']));
    expect(s).toMatchObject({ name: info['Name'], description, state: info['State'], memory: 'no', domain: { name: dom, uuid } });
    expect(info['Location']).toBe('internal');
    expect(s.parent).toBeUndefined();
    expect(info['Parent']).toBe('-');
    expect(s.creationTime).toBeGreaterThanOrEqual(before - 5);
    expect(s.creationTime).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 5);
    expect(s.disks).toEqual([{ name: 'vda', snapshot: 'internal' }]);
    expect(virsh(['snapshot-current', dom, '--name']).trim()).toBe(s.name);
  });

  it('a second snapshot names the first as parent', () => {
    virsh(['snapshot-create', dom, t.file(buildSnapshotXml({ name: 'second' }))]);
    const s = parseSnapshot(virsh(['snapshot-dumpxml', dom, 'second']));
    expect(s.parent).toBe('first');
    expect(s.parent).toBe(parseKeyValues(virsh(['snapshot-info', dom, 'second']))['Parent']);
    expect(s.description).toBeUndefined();
  });

  it('refuses bad snapshot specs', () => {
    expect(() => buildSnapshotXml({ name: 'a/b' })).toThrow(/name/);
    expect(() => buildSnapshotXml({ name: 's', memory: 'external' as 'no' })).toThrow(/memory: must be one of internal, no/);
    expect(() => buildSnapshotXml({ name: 's', description: 'nul\u0000' })).toThrow(/U\+0000/);
  });
});
