/**
 * The template definition and the instance built from it (xml/domain-template.ts),
 * on a hand-written domain: what is dropped, what is kept, what is set.
 */
import { describe, expect, it } from 'vitest';
import { buildInstanceDomainXml, buildTemplateDefinitionXml } from '../../electron/backend/xml/domain-template.js';
import { parseDomain, XmlSpecError } from '../../electron/backend/xml/index.js';
import { readNovacronMetadata } from '../../electron/backend/xml/metadata.js';
import { parseXml } from '../../electron/backend/xml/core.js';

const SOURCE = `<domain type='qemu'>
  <name>web-1</name>
  <uuid>8f0c1f7e-1111-2222-3333-444455556666</uuid>
  <metadata><novacron:vm xmlns:novacron="https://novacron.dev/xmlns/vm/1"><novacron:tags><novacron:tag>prod</novacron:tag></novacron:tags></novacron:vm><other:x xmlns:other="urn:other">kept</other:x></metadata>
  <memory unit='KiB'>98304</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type><nvram>/var/lib/libvirt/qemu/nvram/web-1_VARS.fd</nvram></os>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/pool/web-1.img'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/pool/web-1-data.qcow2'/><target dev='vdb' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><source file='/iso/tools.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
    <interface type='network'><mac address='52:54:00:12:34:56'/><source network='default'/></interface>
  </devices>
</domain>`;

describe('template definitions', () => {
  it('keeps the definition without UUID, MACs, our metadata and the other writable disks', () => {
    const def = buildTemplateDefinitionXml(SOURCE, { name: 'debian', diskTarget: 'vda' });
    const m = parseDomain(def);
    expect(m.name).toBe('debian');
    expect(def).not.toContain('8f0c1f7e');
    expect(def).not.toContain('52:54:00:12:34:56');
    expect(m.disks.map((d) => d.targetDev)).toEqual(['vda', 'sda']);
    expect(readNovacronMetadata(parseXml(def))).toBeUndefined();
    expect(def).toContain('kept');
    expect(m.interfaces[0]!.source.network).toBe('default');
  });

  it('builds an instance: its name, its own qcow2 disk, a fresh NVRAM, and the template in its metadata', () => {
    const def = buildTemplateDefinitionXml(SOURCE, { name: 'debian', diskTarget: 'vda' });
    const xml = buildInstanceDomainXml(def, {
      name: 'web-9',
      diskTarget: 'vda',
      diskPath: '/pool/web-9.qcow2',
      template: { name: 'debian', version: '3' },
    });
    const m = parseDomain(xml);
    expect(m.name).toBe('web-9');
    const vda = m.disks.find((d) => d.targetDev === 'vda')!;
    expect(vda.path).toBe('/pool/web-9.qcow2');
    expect(vda.format).toBe('qcow2');
    expect(m.os.nvram).toBeUndefined();
    expect(readNovacronMetadata(parseXml(xml))).toEqual({ tags: [], template: { name: 'debian', version: '3' } });
  });

  it('refuses names and paths it cannot put in XML safely', () => {
    const def = buildTemplateDefinitionXml(SOURCE, { name: 'debian', diskTarget: 'vda' });
    expect(() =>
      buildInstanceDomainXml(def, { name: 'a\nb', diskTarget: 'vda', diskPath: '/p/x.qcow2', template: { name: 'debian', version: '1' } }),
    ).toThrow(XmlSpecError);
    expect(() =>
      buildInstanceDomainXml(def, {
        name: 'ok',
        diskTarget: 'vda',
        diskPath: 'relative.qcow2',
        template: { name: 'debian', version: '1' },
      }),
    ).toThrow(XmlSpecError);
  });
});
