/**
 * parseDomain against what the lab's daemon really returns, each value checked
 * against a different virsh command (dominfo, domblklist, domiflist, vcpucount),
 * for the lab's qemu guests and all 1,000 domains of the test-driver host.
 */
import { describe, expect, it } from 'vitest';
import { parseDomain } from '../../../electron/backend/xml/index.js';
import { lab, parseKeyValues, virsh } from '../../helpers/lab.js';

/** `virsh domblklist --details` / `domiflist` rows, header dropped (virsh -q drops it already). */
function rows(out: string): string[][] {
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^-+$/.test(l))
    .map((l) => l.split(/\s+/));
}

describe.skipIf(!lab)('parseDomain on the lab guests', () => {
  for (const guest of lab?.guests ?? []) {
    it(`${guest}: identity, memory, vcpus match dominfo`, () => {
      const d = parseDomain(virsh(['dumpxml', guest]));
      const info = parseKeyValues(virsh(['dominfo', guest]));
      expect(d.name).toBe(info['Name']);
      expect(d.uuid).toBe(info['UUID']);
      expect(d.type).toBe('qemu');
      expect(`${d.memoryKiB} KiB`).toBe(info['Max memory']);
      expect(`${d.currentMemoryKiB} KiB`).toBe(info['Used memory']);
      expect(String(d.vcpu.current)).toBe(info['CPU(s)']);
      expect(d.title).toBe(virsh(['desc', guest, '--title']).trim());
      expect(d.description).toBe(virsh(['desc', guest]).replace(/\n$/, ''));
      expect(d.vcpu.max).toBe(Number(virsh(['vcpucount', guest, '--config', '--maximum']).trim()));
      expect(d.vcpu.current).toBe(Number(virsh(['vcpucount', guest, '--config', '--current']).trim()));
    });

    it(`${guest}: os, features, cpu as the lab defined them`, () => {
      const d = parseDomain(virsh(['dumpxml', guest]));
      expect(d.os).toMatchObject({ type: 'hvm', arch: 'x86_64', firmware: 'bios', bootDevices: ['hd'] });
      expect(d.os.machine).toMatch(/^pc-i440fx-/);
      expect(d.os.kernel).toBe('/var/lib/novacron-lab/cache/vmlinuz');
      expect(d.os.cmdline).toContain(`nc.host=${guest}`);
      expect(d.features).toContain('acpi');
      expect(d.cpu).toMatchObject({ mode: 'custom', model: 'qemu64' });
      expect(d.emulator).toBe('/usr/bin/qemu-system-x86_64');
      expect(d.bootOrder).toEqual([]);
      expect(d.graphics).toEqual([]);
    });

    it(`${guest}: disks and interfaces match domblklist and domiflist`, () => {
      const d = parseDomain(virsh(['dumpxml', guest]));
      const blk = rows(virsh(['domblklist', guest, '--details']));
      expect(d.disks.map((x) => [x.type, x.device, x.targetDev, x.path ?? '-'])).toEqual(blk);
      expect(d.disks[0]).toMatchObject({ driverName: 'qemu', format: 'qcow2', targetBus: 'virtio', readonly: false });
      const nics = rows(virsh(['domiflist', guest, '--inactive']));
      expect(d.interfaces.map((n) => [n.type, n.source.network, n.model, n.mac])).toEqual(nics.map(([, ...rest]) => rest));
    });
  }

  it('a running guest shows its id, live NIC target and console pty', () => {
    const name = lab!.runningGuest;
    const d = parseDomain(virsh(['dumpxml', name]));
    if (virsh(['domstate', name]).trim() !== 'running') return; // another suite may have stopped it meanwhile
    expect(d.id).toBe(Number(virsh(['domid', name]).trim()));
    expect(d.interfaces[0]!.targetDev).toMatch(/^vnet\d+$/);
    expect(d.consoles[0]).toMatchObject({ type: 'pty', targetType: 'serial', targetPort: 0 });
    expect(d.consoles[0]!.path).toMatch(/^\/dev\/pts\/\d+$/);
    expect(d.serials[0]).toMatchObject({ type: 'pty', targetType: 'isa-serial', targetPort: 0 });
  });

  it('a shut-off guest has no id and no pty yet', () => {
    const off = lab!.guests.find((g) => virsh(['domstate', g]).trim() === 'shut off');
    if (!off) return;
    const d = parseDomain(virsh(['dumpxml', off]));
    expect(d.id).toBeUndefined();
    expect(d.consoles[0]?.path).toBeUndefined();
  });
});

describe.skipIf(!lab)('parseDomain on the test-driver host', () => {
  it('parses all its domains, matching list and a sample of dominfo', () => {
    const uri = lab!.testHost;
    const names = virsh(['list', '--all', '--name'], uri)
      .split('\n')
      .filter((n) => n.trim() !== '');
    expect(names.length).toBe(lab!.testHostDomains ?? names.length);
    // One virsh process for every dumpxml: commands separated by ';'.
    const all = virsh([names.map((n) => `dumpxml ${n}`).join(' ; ')], uri);
    const docs = all.split(/(?<=<\/domain>)\s*/).filter((s) => s.trim() !== '');
    const parsed = docs.map(parseDomain);
    expect(parsed.map((d) => d.name)).toEqual(names);
    expect(new Set(parsed.map((d) => d.uuid)).size).toBe(names.length);
    const sample = parsed.filter((_, i) => i % 97 === 0);
    // Each dominfo block starts with its "Id:" line.
    const infos = virsh([sample.map((d) => `dominfo ${d.name}`).join(' ; ')], uri)
      .split(/^(?=Id:)/m)
      .filter((s) => s.trim());
    expect(infos.length).toBe(sample.length);
    sample.forEach((d, i) => {
      const info = parseKeyValues(infos[i]!);
      expect(d.name).toBe(info['Name']);
      expect(d.uuid).toBe(info['UUID']);
      expect(d.type).toBe('test');
      expect(`${d.memoryKiB} KiB`).toBe(info['Max memory']);
      expect(String(d.vcpu.current)).toBe(info['CPU(s)']);
      expect(d.id === undefined ? '-' : String(d.id)).toBe(info['Id']);
    });
    expect(parsed.every((d) => d.disks.length > 0 && d.disks[0]!.targetDev !== '')).toBe(true);
  });
});
