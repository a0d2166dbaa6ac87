/** volumeUsers and poolUsers: pure functions over domain XML, checked on hand-written definitions. */
import { describe, expect, it } from 'vitest';
import { poolUsers, volumeUsers, type MachineXml, type VolumeRef } from '../../electron/backend/storage/users.js';

const domain = (name: string, disks: string) =>
  `<domain type='kvm'><name>${name}</name><uuid>00000000-0000-0000-0000-00000000000${name.length}</uuid><memory>1024</memory><os><type>hvm</type></os><devices>${disks}</devices></domain>`;
const fileDisk = (path: string, target: string, device = 'disk') =>
  `<disk type='file' device='${device}'><driver name='qemu' type='qcow2'/><source file='${path}'/><target dev='${target}' bus='virtio'/></disk>`;
const volDisk = (pool: string, volume: string, target: string) =>
  `<disk type='volume' device='disk'><source pool='${pool}' volume='${volume}'/><target dev='${target}' bus='virtio'/></disk>`;

const vol = (name: string, backing: string | null = null): VolumeRef => ({ pool: 'p', name, path: `/p/${name}`, backingPath: backing });
const m = (name: string, xml: string[], running = false): MachineXml => ({ uuid: `uuid-${name}`, name, running, xml });

describe('volumeUsers', () => {
  it('matches disks by path and by pool/volume, each target once across live and next-boot definitions', () => {
    const machines = [
      m(
        'web',
        [domain('web', fileDisk('/p/a.qcow2', 'vda') + fileDisk('/p/b.img', 'vdb')), domain('web', fileDisk('/p/a.qcow2', 'vda'))],
        true,
      ),
      m('db', [domain('db', volDisk('p', 'b.img', 'vdc'))]),
      m('other', [domain('other', fileDisk('/elsewhere/a.qcow2', 'vda') + volDisk('q', 'a.qcow2', 'vdb'))]),
    ];
    const users = volumeUsers(machines, [vol('a.qcow2'), vol('b.img'), vol('c.raw')]);
    expect(users.get('a.qcow2')).toEqual([{ uuid: 'uuid-web', name: 'web', target: 'vda' }]);
    expect(users.get('b.img')).toEqual([
      { uuid: 'uuid-db', name: 'db', target: 'vdc' },
      { uuid: 'uuid-web', name: 'web', target: 'vdb' },
    ]);
    expect(users.get('c.raw')).toEqual([]);
  });

  it('lends an overlay’s users to every volume below it in the chain, and survives a loop', () => {
    const machines = [m('app', [domain('app', fileDisk('/p/top.qcow2', 'vda'))])];
    const users = volumeUsers(machines, [vol('base.qcow2'), vol('mid.qcow2', '/p/base.qcow2'), vol('top.qcow2', '/p/mid.qcow2')]);
    expect(users.get('top.qcow2')).toEqual([{ uuid: 'uuid-app', name: 'app', target: 'vda' }]);
    expect(users.get('mid.qcow2')).toEqual([{ uuid: 'uuid-app', name: 'app', target: 'vda', via: 'top.qcow2' }]);
    expect(users.get('base.qcow2')).toEqual([{ uuid: 'uuid-app', name: 'app', target: 'vda', via: 'top.qcow2' }]);
    const loop = volumeUsers(machines, [vol('x', '/p/y'), vol('y', '/p/x')]);
    expect(loop.get('x')).toEqual([]);
  });

  it('counts a CD-ROM image as used, and skips a definition it cannot parse', () => {
    const machines = [m('iso', [domain('iso', fileDisk('/p/os.iso', 'sda', 'cdrom')), '<domain><broken']), m('bad', ['not xml'])];
    expect(volumeUsers(machines, [vol('os.iso')]).get('os.iso')).toEqual([{ uuid: 'uuid-iso', name: 'iso', target: 'sda' }]);
  });
});

describe('poolUsers', () => {
  it('finds disks by pool name, by volume path, or below the target directory (for a stopped pool)', () => {
    const machines = [
      m('a', [domain('a', fileDisk('/pools/one/disk.qcow2', 'vda'))]),
      m('b', [domain('b', volDisk('one', 'x', 'vdb'))]),
      m('c', [domain('c', fileDisk('/pools/one-other/disk.qcow2', 'vda'))]),
      m('d', [domain('d', fileDisk('/dev/vg0/lv', 'vda'))]),
    ];
    const users = poolUsers(machines, { name: 'one', targetPath: '/pools/one/', volumePaths: ['/dev/vg0/lv'] });
    expect(users.map((u) => [u.name, u.target, u.source])).toEqual([
      ['a', 'vda', '/pools/one/disk.qcow2'],
      ['b', 'vdb', 'one/x'],
      ['d', 'vda', '/dev/vg0/lv'],
    ]);
  });
});
