/**
 * Host and domain capabilities, checked against nodeinfo, maxvcpus and each
 * other (a machine alias in capabilities resolves to the machine domcapabilities
 * reports for it), plus the loader/firmware values read straight from the text.
 */
import { describe, expect, it } from 'vitest';
import { parseCapabilities, parseDomainCapabilities } from '../../../electron/backend/xml/index.js';
import { lab, parseKeyValues, virsh } from '../../helpers/lab.js';

describe.skipIf(!lab)('parseCapabilities', () => {
  const caps = lab ? parseCapabilities(virsh(['capabilities'])) : undefined;

  it('host arch, topology and memory match nodeinfo', () => {
    const node = parseKeyValues(virsh(['nodeinfo']));
    const h = caps!.host;
    expect(h.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(h.arch).toBe(node['CPU model']);
    expect(h.cpuModel).toBeTruthy();
    expect(h.topology).toMatchObject({
      sockets: Number(node['CPU socket(s)']),
      cores: Number(node['Core(s) per socket']),
      threads: Number(node['Thread(s) per core']),
    });
    expect(h.cells.length).toBe(Number(node['NUMA cell(s)']));
    expect(`${h.cells.reduce((a, c) => a + (c.memoryKiB ?? 0), 0)} KiB`).toBe(node['Memory size']);
    expect(h.cells.reduce((a, c) => a + (c.cpus ?? 0), 0)).toBe(Number(node['CPU(s)']));
    expect(h.secModels).toContain('dac');
  });

  it('the x86_64 guest lists machines and domain types', () => {
    const g = caps!.guests.find((x) => x.arch === 'x86_64' && x.osType === 'hvm')!;
    expect(g).toBeDefined();
    expect(g.wordsize).toBe(64);
    expect(g.emulator).toBe('/usr/bin/qemu-system-x86_64');
    expect(g.domainTypes).toContain('qemu');
    expect(g.machines.length).toBeGreaterThan(5);
    expect(g.machines.find((m) => m.name === 'pc')?.canonical).toMatch(/^pc-i440fx-/);
    expect(g.machines.some((m) => m.deprecated)).toBe(virsh(['capabilities']).includes("deprecated='yes'"));
  });

  it('each machine alias is what domcapabilities resolves it to', () => {
    const g = caps!.guests.find((x) => x.arch === 'x86_64')!;
    for (const alias of ['pc', 'q35']) {
      const dc = parseDomainCapabilities(virsh(['domcapabilities', '--virttype', 'qemu', '--arch', 'x86_64', '--machine', alias]));
      expect(dc.machine).toBe(g.machines.find((m) => m.name === alias)!.canonical);
    }
  });
});

describe.skipIf(!lab)('parseDomainCapabilities', () => {
  it('reports emulator, domain type, vcpus, loader and devices', () => {
    const raw = virsh(['domcapabilities', '--virttype', 'qemu']);
    const dc = parseDomainCapabilities(raw);
    expect(dc).toMatchObject({ emulator: '/usr/bin/qemu-system-x86_64', domainType: 'qemu', arch: 'x86_64' });
    expect(dc.maxVcpus).toBe(Number(virsh(['maxvcpus', '--type', 'qemu']).trim()));
    expect(dc.loader.supported).toBe(true);
    expect(dc.loader.types).toEqual(expect.arrayContaining(['rom', 'pflash']));
    // Loader paths (OVMF builds) and firmware values, read from the text by regex as an independent view.
    const loaderText = /<loader[^>]*>([\s\S]*?)<\/loader>/.exec(raw)?.[1] ?? '';
    expect(dc.loader.paths).toEqual([...loaderText.matchAll(/<value>(\/[^<]+)<\/value>/g)].map((m) => m[1]));
    const fwText = /<enum name='firmware'>([\s\S]*?)<\/enum>/.exec(raw)?.[1] ?? '';
    expect(dc.firmwares).toEqual([...fwText.matchAll(/<value>([^<]+)<\/value>/g)].map((m) => m[1]));
    expect(dc.cpuModes).toEqual([...raw.matchAll(/<mode name='([^']+)' supported='yes'/g)].map((m) => m[1]));
    expect(dc.cpuModes).toContain('custom');
    expect(dc.devices['disk']?.['diskDevice']).toEqual(expect.arrayContaining(['disk', 'cdrom']));
    expect(dc.devices['graphics']?.['type']).toEqual(expect.arrayContaining(['vnc']));
  });

  it('kvm domain capabilities exist exactly when the host offers the kvm domain type', () => {
    const g = parseCapabilities(virsh(['capabilities'])).guests.find((x) => x.arch === 'x86_64')!;
    if (!g.domainTypes.includes('kvm')) return;
    expect(parseDomainCapabilities(virsh(['domcapabilities', '--virttype', 'kvm'])).domainType).toBe('kvm');
  });
});
