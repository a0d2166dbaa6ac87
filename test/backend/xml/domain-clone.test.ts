/** A clone's definition from a lab guest's real inactive XML: new identity, its own disks, no shared console log. */
import { describe, expect, it } from 'vitest';
import { buildCloneDomainXml, parseDomain } from '../../../electron/backend/xml/index.js';
import { requireLab, virsh } from '../../helpers/lab.js';

describe('buildCloneDomainXml', () => {
  it('drops the UUID, MACs and the console log file, and points the disks at the copies', () => {
    const L = requireLab();
    const guest = L.guests.find((g) => g !== L.runningGuest)!;
    const source = virsh(['dumpxml', '--inactive', guest]);
    expect(source).toMatch(/<log file=/); // the lab's guests log their serial console
    const src = parseDomain(source);
    const target = src.disks[0]!.targetDev;
    const xml = buildCloneDomainXml(source, { name: 'apitest-clone-xml', disks: { [target]: `${L.poolPath}/apitest-clone-xml.qcow2` } });
    const clone = parseDomain(xml);
    expect(clone.name).toBe('apitest-clone-xml');
    expect(clone.uuid).toBe('');
    expect(clone.disks[0]?.source).toMatchObject({ file: `${L.poolPath}/apitest-clone-xml.qcow2` });
    expect(clone.interfaces.every((n) => n.mac === undefined)).toBe(true);
    expect(xml).not.toMatch(/<log /);
    expect(clone.serials.length).toBe(src.serials.length);
  });
});
