/**
 * buildDomainXml and the device fragments, through libvirt: build → define on
 * a throwaway "apitest-xmltest-" domain → dumpxml → parse → the same values,
 * with independent checks from dominfo/domblklist/domiflist. Also hostile
 * text (markup, quotes, ampersands) surviving the round trip unchanged.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  NOVACRON_METADATA_KEY,
  NOVACRON_METADATA_URI,
  buildCdromXml,
  buildDiskXml,
  buildDomainXml,
  buildInterfaceXml,
  buildNovacronMetadataXml,
  parseDomain,
  parseNovacronMetadata,
  setNovacronMetadata,
  type DomainSpec,
} from '../../../electron/backend/xml/index.js';
import { lab, parseKeyValues, virsh } from '../../helpers/lab.js';
import { Throwaways } from './throwaway.js';

const HOSTILE = `<script>alert(1)</script> & "double" 'single' ]]> \n\ttabbed & done`;

describe.skipIf(!lab)('buildDomainXml round trips through libvirt', () => {
  const t = new Throwaways();
  afterAll(() => t.cleanup());
  const poolPath = lab?.poolPath ?? '';

  function define(spec: DomainSpec): ReturnType<typeof parseDomain> {
    t.defineDomain(spec.name, buildDomainXml(spec));
    return parseDomain(virsh(['dumpxml', '--inactive', spec.name]));
  }

  it('a full spec comes back with the same values', () => {
    const name = t.name('full');
    const uuid = randomUUID();
    const d = define({
      name,
      uuid,
      type: 'qemu',
      title: 'A title with <markup> & "quotes"',
      description: HOSTILE,
      memoryMiB: 256,
      currentMemoryMiB: 128,
      vcpus: 1,
      maxVcpus: 2,
      machine: 'q35',
      cpuMode: 'maximum',
      disks: [
        { source: { file: `${poolPath}/${name}.qcow2` }, target: 'vda', format: 'qcow2', bootOrder: 2 },
        { source: { pool: lab!.pool, volume: 'nc-guest-2.qcow2' }, target: 'vdb', readonly: true },
      ],
      cdroms: [{ target: 'sda', file: `${poolPath}/install.iso`, bootOrder: 1 }, { target: 'sdb' }],
      interfaces: [
        { type: 'network', source: lab!.network ?? 'default', mac: '52:54:00:aa:bb:01', bootOrder: 3 },
        { type: 'user', model: 'e1000' },
      ],
      graphics: { type: 'vnc', listen: '127.0.0.1' },
      metadata: { tags: ['web', 'prod & <test>'], note: HOSTILE, template: { name: 'debian-12', version: '3' } },
    });
    expect(d).toMatchObject({ name, uuid, type: 'qemu', title: 'A title with <markup> & "quotes"', description: HOSTILE });
    expect(d).toMatchObject({ memoryKiB: 262144, currentMemoryKiB: 131072, vcpu: { current: 1, max: 2 } });
    expect(d.os.machine).toMatch(/^pc-q35-/); // libvirt stores the canonical name of the "q35" alias
    expect(d.os).toMatchObject({ type: 'hvm', arch: 'x86_64', firmware: 'bios', bootDevices: [] });
    expect(d.cpu?.mode).toBe('maximum');
    expect(d.features).toEqual(expect.arrayContaining(['acpi', 'apic']));
    expect(d.disks.map((x) => [x.device, x.type, x.targetDev, x.targetBus, x.format, x.readonly])).toEqual([
      ['disk', 'file', 'vda', 'virtio', 'qcow2', false],
      ['disk', 'volume', 'vdb', 'virtio', 'qcow2', true],
      ['cdrom', 'file', 'sda', 'sata', 'raw', true],
      ['cdrom', 'file', 'sdb', 'sata', 'raw', true],
    ]);
    expect(d.disks[1]!.source).toEqual({ pool: lab!.pool, volume: 'nc-guest-2.qcow2' });
    expect(d.disks[2]!.path).toBe(`${poolPath}/install.iso`);
    expect(d.disks[3]!.path).toBeUndefined();
    expect(d.bootOrder).toEqual([
      { kind: 'disk', target: 'sda', order: 1 },
      { kind: 'disk', target: 'vda', order: 2 },
      { kind: 'interface', target: '52:54:00:aa:bb:01', order: 3 },
    ]);
    expect(d.interfaces[0]).toMatchObject({
      type: 'network',
      mac: '52:54:00:aa:bb:01',
      model: 'virtio',
      source: { network: lab!.network ?? 'default' },
    });
    expect(d.interfaces[1]).toMatchObject({ type: 'user', model: 'e1000' });
    expect(d.interfaces[1]!.mac).toMatch(/^52:54:00:/); // libvirt generated one
    expect(d.graphics).toEqual([{ type: 'vnc', port: -1, autoport: true, listen: '127.0.0.1', passwordSet: false }]);
    expect(d.consoles[0]).toMatchObject({ type: 'pty', targetType: 'serial', targetPort: 0 });
    expect(d.novacron).toEqual({ tags: ['web', 'prod & <test>'], note: HOSTILE, template: { name: 'debian-12', version: '3' } });

    // Independent views of the same domain.
    const info = parseKeyValues(virsh(['dominfo', name]));
    expect(info['UUID']).toBe(uuid);
    expect(info['Max memory']).toBe('262144 KiB');
    expect(info['Used memory']).toBe('131072 KiB');
    expect(virsh(['desc', name, '--config'])).toBe(HOSTILE); // virsh prints it without a trailing newline
    const blk = virsh(['domblklist', name, '--inactive'])
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(blk).toEqual(d.disks.map((x) => x.targetDev));
  });

  it('a description full of markup survives define/dumpxml/parse unchanged, and so does a hostile name', () => {
    const name = `${t.name('esc')}-&'<">`;
    const d = define({ name, type: 'qemu', memoryMiB: 64, vcpus: 1, description: `<script>&"'` });
    expect(d.name).toBe(name);
    expect(d.description).toBe(`<script>&"'`);
    expect(parseKeyValues(virsh(['dominfo', name]))['Name']).toBe(name);
    expect(virsh(['list', '--all', '--name'])).toContain(name);
  });

  it('legacy boot order and direct kernel boot', () => {
    const name = t.name('boot');
    const d = define({
      name,
      type: 'qemu',
      memoryMiB: 96,
      vcpus: 1,
      bootDevices: ['cdrom', 'hd', 'network'],
      kernel: {
        path: '/var/lib/novacron-lab/cache/vmlinuz',
        initrd: '/var/lib/novacron-lab/boot/initramfs.cpio.gz',
        cmdline: 'console=ttyS0 a="b c"',
      },
      serialConsole: false,
    });
    expect(d.os.bootDevices).toEqual(['cdrom', 'hd', 'network']);
    expect(d.os).toMatchObject({ kernel: '/var/lib/novacron-lab/cache/vmlinuz', cmdline: 'console=ttyS0 a="b c"' });
    expect(d.consoles).toEqual([]);
  });

  it('UEFI: firmware autoselection from the builder, and an explicit pflash loader with NVRAM', () => {
    const auto = define({ name: t.name('efi'), type: 'qemu', machine: 'q35', memoryMiB: 64, vcpus: 1, firmware: 'efi' });
    expect(auto.os.firmware).toBe('efi');
    // A hand-written loader/nvram pair (what virt-install writes on hosts without firmware descriptors).
    const name = t.name('ovmf');
    const xml = buildDomainXml({ name, type: 'qemu', machine: 'q35', memoryMiB: 64, vcpus: 1 }).replace(
      '</os>',
      `<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader><nvram>/var/lib/novacron-lab/${name}_VARS.fd</nvram></os>`,
    );
    t.defineDomain(name, xml);
    const d = parseDomain(virsh(['dumpxml', '--inactive', name]));
    expect(d.os).toMatchObject({
      firmware: 'efi',
      loader: { path: '/usr/share/OVMF/OVMF_CODE_4M.fd', type: 'pflash', readonly: 'yes' },
      nvram: `/var/lib/novacron-lab/${name}_VARS.fd`,
    });
    expect(define({ name: t.name('bios'), type: 'qemu', memoryMiB: 64, vcpus: 1 }).os.firmware).toBe('bios');
  });

  it('refuses bad specs before libvirt sees them', () => {
    const base = { name: 'x', memoryMiB: 64, vcpus: 1 };
    expect(() => buildDomainXml({ ...base, name: 'a/b' })).toThrow(/name: must not contain "\/"/);
    expect(() => buildDomainXml({ ...base, memoryMiB: 0 })).toThrow(/memoryMiB: must be a positive integer/);
    expect(() => buildDomainXml({ ...base, memoryMiB: 1.5 })).toThrow(/memoryMiB/);
    expect(() => buildDomainXml({ ...base, currentMemoryMiB: 128 })).toThrow(/cannot exceed/);
    expect(() => buildDomainXml({ ...base, title: 'two\nlines' })).toThrow(/single line/);
    expect(() => buildDomainXml({ ...base, disks: [{ source: { file: 'relative.qcow2' }, target: 'vda' }] })).toThrow(/absolute path/);
    expect(() => buildDomainXml({ ...base, disks: [{ source: { file: '/var/lib/../etc/shadow' }, target: 'vda' }] })).toThrow(/"\.\."/);
    expect(() => buildDomainXml({ ...base, disks: [{ source: { file: '/a.img' }, target: 'vda"/><x' }] })).toThrow(/disk target/);
    expect(() =>
      buildDomainXml({ ...base, bootDevices: ['hd'], disks: [{ source: { file: '/a.img' }, target: 'vda', bootOrder: 1 }] }),
    ).toThrow(/bootDevices: cannot be combined/);
    expect(() => buildInterfaceXml({ type: 'network', source: 'n', mac: '01:00:00:00:00:01' })).toThrow(/multicast/);
  });
});

describe.skipIf(!lab)('device fragments attach and detach through libvirt', () => {
  const t = new Throwaways();
  afterAll(() => t.cleanup());

  it('disk, cdrom and interface fragments attach to the config and detach again', () => {
    const name = t.name('dev');
    t.defineDomain(name, buildDomainXml({ name, type: 'qemu', memoryMiB: 64, vcpus: 1 }));
    const fragments = [
      buildDiskXml({ source: { file: `${lab!.poolPath}/${name}-data.raw` }, target: 'vdc', format: 'raw' }),
      buildCdromXml({ target: 'sdc', file: `${lab!.poolPath}/media.iso` }),
      buildInterfaceXml({ type: 'bridge', source: lab!.bridge ?? 'virbr0', mac: '52:54:00:aa:bb:02', model: 'rtl8139' }),
    ];
    for (const f of fragments) virsh(['attach-device', name, t.file(f), '--config']);
    const d = parseDomain(virsh(['dumpxml', '--inactive', name]));
    expect(d.disks.map((x) => [x.device, x.targetDev, x.format, x.path])).toEqual([
      ['disk', 'vdc', 'raw', `${lab!.poolPath}/${name}-data.raw`],
      ['cdrom', 'sdc', 'raw', `${lab!.poolPath}/media.iso`],
    ]);
    expect(d.interfaces).toEqual([
      expect.objectContaining({ type: 'bridge', mac: '52:54:00:aa:bb:02', model: 'rtl8139', source: { bridge: lab!.bridge ?? 'virbr0' } }),
    ]);
    expect(virsh(['domiflist', name, '--inactive'])).toContain('52:54:00:aa:bb:02');
    for (const f of fragments) virsh(['detach-device', name, t.file(f), '--config']);
    const after = parseDomain(virsh(['dumpxml', '--inactive', name]));
    expect(after.disks).toEqual([]);
    expect(after.interfaces).toEqual([]);
  });
});

describe.skipIf(!lab)('NovaCron metadata through libvirt', () => {
  const t = new Throwaways();
  afterAll(() => t.cleanup());
  const meta = { tags: ['db', `<b>&"'`], note: `line 1\nline 2 & <more>`, template: { name: 'alpine', version: '3.20' } };

  it('virDomainSetMetadata with our fragment, key and URI; read back both ways', () => {
    const name = t.name('meta');
    t.defineDomain(name, buildDomainXml({ name, type: 'qemu', memoryMiB: 64, vcpus: 1 }));
    expect(parseDomain(virsh(['dumpxml', '--inactive', name])).novacron).toBeUndefined();
    virsh([
      'metadata',
      name,
      '--config',
      '--uri',
      NOVACRON_METADATA_URI,
      '--key',
      NOVACRON_METADATA_KEY,
      '--set',
      buildNovacronMetadataXml(meta),
    ]);
    expect(parseDomain(virsh(['dumpxml', '--inactive', name])).novacron).toEqual(meta);
    expect(parseNovacronMetadata(virsh(['metadata', name, '--config', '--uri', NOVACRON_METADATA_URI]))).toEqual(meta);
  });

  it('setNovacronMetadata edits a whole document, keeping everything else', () => {
    const name = t.name('meta2');
    t.defineDomain(name, buildDomainXml({ name, type: 'qemu', memoryMiB: 64, vcpus: 1, description: HOSTILE }));
    // Another application's metadata must survive our edits.
    virsh(['metadata', name, '--config', '--uri', 'https://example.org/other', '--key', 'other', '--set', '<thing colour="blue"/>']);
    const before = virsh(['dumpxml', '--inactive', name]);
    virsh(['define', t.file(setNovacronMetadata(before, meta))]);
    const withMeta = virsh(['dumpxml', '--inactive', name]);
    const { novacron, ...rest } = parseDomain(withMeta);
    const { novacron: none, ...restBefore } = parseDomain(before);
    expect(none).toBeUndefined();
    expect(novacron).toEqual(meta);
    expect(rest).toEqual(restBefore);
    expect(virsh(['metadata', name, '--config', '--uri', 'https://example.org/other'])).toContain('colour="blue"');
    // Replacing, then removing.
    virsh(['define', t.file(setNovacronMetadata(withMeta, { tags: ['only'] }))]);
    expect(parseDomain(virsh(['dumpxml', '--inactive', name])).novacron).toEqual({ tags: ['only'] });
    virsh(['define', t.file(setNovacronMetadata(virsh(['dumpxml', '--inactive', name]), null))]);
    expect(parseDomain(virsh(['dumpxml', '--inactive', name])).novacron).toBeUndefined();
    expect(virsh(['metadata', name, '--config', '--uri', 'https://example.org/other'])).toContain('colour="blue"');
  });
});
