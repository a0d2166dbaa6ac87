/**
 * Template definitions, edited in the element tree (never by string):
 *
 * - buildTemplateDefinitionXml: a shut-off machine's inactive XML as a
 *   template keeps it: no UUID, no MAC addresses, no console log (the clone
 *   edits), none of NovaCron's own metadata (tags belong to the source), and
 *   only the one writable disk the template volume replaces (another
 *   writable disk would be shared by every machine made from it).
 * - buildInstanceDomainXml: a new machine from that definition: its name,
 *   the disk pointing at its own qcow2 volume, a fresh NVRAM, and the
 *   template and version it came from in NovaCron's metadata.
 */
import { el, serializeXml } from './builder.js';
import { findChild, parseXml, readAttr, type XmlElement, type XmlNode } from './core.js';
import { buildCloneDomainXml } from './domain-clone.js';
import { setNovacronMetadata } from './metadata.js';
import { checkName, checkPath } from './validate.js';

function isWritableDisk(d: XmlElement): boolean {
  return (readAttr(d, 'device') ?? 'disk') === 'disk' && !findChild(d, 'readonly') && !findChild(d, 'shareable');
}

/** Copies `domain` with `edit` applied to each <devices> child (null drops it). */
function editDevices(domain: XmlElement, edit: (d: XmlElement) => XmlElement | null): XmlElement {
  const nodes: XmlNode[] = domain.nodes.map((n) => {
    if (typeof n === 'string' || n.name !== 'devices') return n;
    const kept: XmlNode[] = [];
    for (const d of n.nodes) {
      if (typeof d === 'string') kept.push(d);
      else {
        const out = edit(d);
        if (out) kept.push(out);
      }
    }
    return { ...n, nodes: kept };
  });
  return { ...domain, nodes };
}

const targetOf = (d: XmlElement) => readAttr(findChild(d, 'target'), 'dev');

/** The definition a template version keeps, from the source's inactive XML; `diskTarget` is the copied disk. */
export function buildTemplateDefinitionXml(sourceXml: string, spec: { name: string; diskTarget: string }): string {
  const cloned = setNovacronMetadata(buildCloneDomainXml(sourceXml, { name: spec.name, disks: {} }), null);
  const edited = editDevices(parseXml(cloned, 'domain'), (d) =>
    d.name === 'disk' && isWritableDisk(d) && targetOf(d) !== spec.diskTarget ? null : d,
  );
  return serializeXml(edited);
}

export interface InstanceSpec {
  name: string;
  diskTarget: string;
  /** The new machine's own volume (a qcow2 overlay or a full copy). */
  diskPath: string;
  template: { name: string; version: string };
}

/** A new machine's definition from a template version's. */
export function buildInstanceDomainXml(definitionXml: string, spec: InstanceSpec): string {
  checkName(spec.name, 'name');
  checkPath(spec.diskPath, 'diskPath');
  const cloned = buildCloneDomainXml(definitionXml, { name: spec.name, disks: { [spec.diskTarget]: spec.diskPath }, nvram: null });
  // The new volume is qcow2 whatever the source's disk was: its driver must say so.
  const edited = editDevices(parseXml(cloned, 'domain'), (d) => {
    if (d.name !== 'disk' || targetOf(d) !== spec.diskTarget) return d;
    if (!findChild(d, 'driver')) return { ...d, nodes: [el('driver', { name: 'qemu', type: 'qcow2' }), ...d.nodes] };
    return {
      ...d,
      nodes: d.nodes.map((c) => (typeof c !== 'string' && c.name === 'driver' ? { ...c, attrs: { ...c.attrs, type: 'qcow2' } } : c)),
    };
  });
  return setNovacronMetadata(serializeXml(edited), { tags: [], template: spec.template });
}
