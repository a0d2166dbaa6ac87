/**
 * Storage volumes: the model read from virStorageVolGetXMLDesc and the builder
 * for new qcow2/raw volumes, optionally as a copy-on-write overlay on a
 * backing image. Sizes are bytes.
 */
import { el, serializeXml, textEl } from './builder.js';
import { compact, findChild, parseXml, readAttr, readText } from './core.js';
import { XmlParseError, XmlSpecError } from './errors.js';
import { readBytes } from './units.js';
import { checkName, checkOneOf, checkPath, checkPositiveInt } from './validate.js';

export interface VolumeModel {
  /** file | block | dir | network | netdir | ploop */
  type: string;
  name: string;
  key?: string;
  capacityBytes?: number;
  allocationBytes?: number;
  physicalBytes?: number;
  targetPath?: string;
  format?: string;
  backingStore?: { path?: string; format?: string };
}

/** Parses a volume document (vol-dumpxml output). */
export function parseVolume(xml: string): VolumeModel {
  const root = parseXml(xml, 'volume');
  const name = readText(root, 'name');
  if (!name) throw new XmlParseError('<volume> has no <name>');
  const backing = findChild(root, 'backingStore');
  return compact({
    type: readAttr(root, 'type') ?? 'file',
    name,
    key: readText(root, 'key'),
    capacityBytes: readBytes(root, 'capacity'),
    allocationBytes: readBytes(root, 'allocation'),
    physicalBytes: readBytes(root, 'physical'),
    targetPath: readText(root, 'target', 'path'),
    format: readAttr(findChild(root, 'target', 'format'), 'type'),
    backingStore:
      backing && readText(backing, 'path') !== undefined
        ? compact({ path: readText(backing, 'path'), format: readAttr(findChild(backing, 'format'), 'type') })
        : undefined,
  });
}

export const VOLUME_FORMATS = ['qcow2', 'raw'] as const;

export interface VolumeSpec {
  name: string;
  format: (typeof VOLUME_FORMATS)[number];
  capacityBytes: number;
  /** Bytes to allocate up front; 0 (the default) makes a sparse volume. */
  allocationBytes?: number;
  /** A qcow2 overlay's backing image. */
  backing?: { path: string; format: (typeof VOLUME_FORMATS)[number] };
}

/** Builds a volume document for virStorageVolCreateXML. */
export function buildVolumeXml(spec: VolumeSpec): string {
  const name = checkName(spec.name, 'name');
  const format = checkOneOf(spec.format, 'format', VOLUME_FORMATS);
  const capacity = checkPositiveInt(spec.capacityBytes, 'capacityBytes');
  const allocation = spec.allocationBytes ?? 0;
  if (!Number.isSafeInteger(allocation) || allocation < 0 || allocation > capacity) {
    throw new XmlSpecError('allocationBytes', 'must be an integer from 0 to capacityBytes');
  }
  if (spec.backing && format !== 'qcow2') throw new XmlSpecError('backing', 'only a qcow2 volume can have a backing image');
  const backing =
    spec.backing &&
    el(
      'backingStore',
      {},
      textEl('path', checkPath(spec.backing.path, 'backing.path')),
      el('format', { type: checkOneOf(spec.backing.format, 'backing.format', VOLUME_FORMATS) }),
    );
  return serializeXml(
    el(
      'volume',
      {},
      textEl('name', name),
      el('capacity', { unit: 'bytes' }, capacity),
      el('allocation', { unit: 'bytes' }, allocation),
      el('target', {}, el('format', { type: format })),
      backing,
    ),
  );
}
