/**
 * The definition of a full clone, edited from the source machine's inactive
 * XML in the element tree (nothing by string): a new name, no UUID (libvirt
 * assigns one), a fresh VM generation id, no NIC MAC addresses (libvirt
 * assigns new ones), no console log file (it would be shared), the copied disks' new sources, and the new NVRAM path
 * (or none, for libvirt to create from its template). Everything else,
 * including other applications' metadata, is kept in order.
 */
import { el, serializeXml } from './builder.js';
import { findChild, parseXml, readAttr, type XmlElement, type XmlNode } from './core.js';
import { checkName, checkPath } from './validate.js';

export interface CloneSpec {
  name: string;
  /** New sources of the copied disks, by target dev. */
  disks: Record<string, string>;
  /** The clone's NVRAM path; null drops <nvram> so libvirt makes a fresh store. */
  nvram?: string | null;
}

type Edit = (e: XmlElement) => XmlNode | null;

/** A copy of `e` whose child elements pass through `edit` (null drops one). */
function editChildren(e: XmlElement, edit: Edit): XmlElement {
  const nodes: XmlNode[] = [];
  for (const n of e.nodes) {
    if (typeof n === 'string') nodes.push(n);
    else {
      const out = edit(n);
      if (out !== null) nodes.push(out);
    }
  }
  return { ...e, nodes };
}

function editDisk(disk: XmlElement, spec: CloneSpec): XmlElement {
  const target = readAttr(findChild(disk, 'target'), 'dev');
  const file = target === undefined ? undefined : spec.disks[target];
  if (file === undefined) return disk;
  const edited = editChildren(disk, (c) => (c.name === 'source' ? el('source', { file }) : c.name === 'backingStore' ? null : c));
  return { ...edited, attrs: { ...disk.attrs, type: 'file' } };
}

function editDevices(devices: XmlElement, spec: CloneSpec): XmlElement {
  return editChildren(devices, (d) => {
    if (d.name === 'disk') return editDisk(d, spec);
    if (d.name === 'interface') return editChildren(d, (c) => (c.name === 'mac' || c.name === 'target' || c.name === 'alias' ? null : c));
    // A console log file belongs to one machine: libvirt refuses to start a second one on it.
    if (d.name === 'serial' || d.name === 'console') return editChildren(d, (c) => (c.name === 'log' ? null : c));
    return d;
  });
}

function editOs(os: XmlElement, spec: CloneSpec): XmlElement {
  if (spec.nvram === undefined) return os;
  return editChildren(os, (c) => {
    if (c.name !== 'nvram') return c;
    return spec.nvram === null ? null : { ...c, nodes: [spec.nvram!] };
  });
}

/** The clone's domain XML from the source's inactive XML. */
export function buildCloneDomainXml(sourceXml: string, spec: CloneSpec): string {
  const name = checkName(spec.name, 'name');
  for (const [t, p] of Object.entries(spec.disks)) checkPath(p, `disks.${t}`);
  if (typeof spec.nvram === 'string') checkPath(spec.nvram, 'nvram');
  const root = parseXml(sourceXml, 'domain');
  const attrs = { ...root.attrs };
  delete attrs.id;
  const edited = editChildren(root, (c) => {
    switch (c.name) {
      case 'name':
        return el('name', {}, name);
      case 'uuid':
        return null;
      case 'genid':
        return el('genid');
      case 'os':
        return editOs(c, spec);
      case 'devices':
        return editDevices(c, spec);
      default:
        return c;
    }
  });
  return serializeXml({ ...edited, attrs });
}

/**
 * The same machine on another host (an offline migration): name, UUID and
 * MACs kept, the copied disks' sources replaced by their new paths (`disks`,
 * by target dev), nothing else touched.
 */
export function buildMovedDomainXml(sourceXml: string, disks: Record<string, string>): string {
  for (const [t, p] of Object.entries(disks)) checkPath(p, `disks.${t}`);
  const root = parseXml(sourceXml, 'domain');
  const attrs = { ...root.attrs };
  delete attrs.id;
  const edited = editChildren(root, (c) =>
    c.name === 'devices' ? editChildren(c, (d) => (d.name === 'disk' ? editDisk(d, { name: '', disks }) : d)) : c,
  );
  return serializeXml({ ...edited, attrs });
}
