/**
 * Storage pools: the model read from virStoragePoolGetXMLDesc and the builder
 * for new pools (dir, netfs and logical; the kinds NovaCron's dialog offers).
 * Sizes are bytes.
 */
import { el, serializeXml, textEl } from './builder.js';
import { compact, findChild, parseXml, readAttr, readText } from './core.js';
import { XmlParseError, XmlSpecError } from './errors.js';
import { readBytes } from './units.js';
import { checkName, checkOneOf, checkPath, checkToken, checkUuid } from './validate.js';

export interface PoolModel {
  /** dir | fs | netfs | logical | disk | iscsi | rbd | ... */
  type: string;
  name: string;
  uuid: string;
  capacityBytes?: number;
  allocationBytes?: number;
  availableBytes?: number;
  targetPath?: string;
  source: { host?: string; dir?: string; device?: string; name?: string; format?: string };
}

/** Parses a pool document (pool-dumpxml output). */
export function parsePool(xml: string): PoolModel {
  const root = parseXml(xml, 'pool');
  const name = readText(root, 'name');
  if (!name) throw new XmlParseError('<pool> has no <name>');
  const src = findChild(root, 'source');
  return compact({
    type: readAttr(root, 'type') ?? '',
    name,
    uuid: readText(root, 'uuid') ?? '',
    capacityBytes: readBytes(root, 'capacity'),
    allocationBytes: readBytes(root, 'allocation'),
    availableBytes: readBytes(root, 'available'),
    targetPath: readText(root, 'target', 'path'),
    source: compact({
      host: readAttr(findChild(src, 'host'), 'name'),
      dir: readAttr(findChild(src, 'dir'), 'path'),
      device: readAttr(findChild(src, 'device'), 'path'),
      name: readText(src, 'name'),
      format: readAttr(findChild(src, 'format'), 'type'),
    }),
  });
}

export type PoolSpec =
  | { type: 'dir'; name: string; uuid?: string; targetPath: string }
  /** An NFS (or other network filesystem) export mounted at targetPath. */
  | {
      type: 'netfs';
      name: string;
      uuid?: string;
      targetPath: string;
      host: string;
      sourceDir: string;
      format?: 'nfs' | 'cifs' | 'glusterfs';
    }
  /** An LVM volume group; `devices` are its physical volumes when the pool is to build the group. */
  | { type: 'logical'; name: string; uuid?: string; vgName?: string; devices?: string[]; targetPath?: string };

const POOL_TYPES = ['dir', 'netfs', 'logical'] as const;

function sourceElement(spec: PoolSpec): ReturnType<typeof el> | undefined {
  switch (spec.type) {
    case 'dir':
      return undefined;
    case 'netfs':
      return el(
        'source',
        {},
        el('host', { name: checkToken(spec.host, 'host') }),
        el('dir', { path: checkPath(spec.sourceDir, 'sourceDir') }),
        el('format', { type: checkOneOf(spec.format ?? 'nfs', 'format', ['nfs', 'cifs', 'glusterfs'] as const) }),
      );
    case 'logical': {
      const vg = checkName(spec.vgName ?? spec.name, 'vgName');
      const devices = (spec.devices ?? []).map((d, i) => el('device', { path: checkPath(d, `devices[${i}]`) }));
      return el('source', {}, ...devices, textEl('name', vg), el('format', { type: 'lvm2' }));
    }
  }
}

/** Builds a pool document for virStoragePoolDefineXML. */
export function buildPoolXml(spec: PoolSpec): string {
  const type = checkOneOf(spec.type, 'type', POOL_TYPES);
  const name = checkName(spec.name, 'name');
  // A logical pool's target is /dev/<vg> unless given; the others need one.
  const targetPath =
    spec.type === 'logical'
      ? checkPath(spec.targetPath ?? `/dev/${checkName(spec.vgName ?? spec.name, 'vgName')}`, 'targetPath')
      : checkPath(spec.targetPath, 'targetPath');
  if (spec.type === 'netfs' && !spec.sourceDir) throw new XmlSpecError('sourceDir', 'a netfs pool needs the exported directory');
  return serializeXml(
    el(
      'pool',
      { type },
      textEl('name', name),
      spec.uuid !== undefined && textEl('uuid', checkUuid(spec.uuid, 'uuid')),
      sourceElement(spec),
      el('target', {}, textEl('path', targetPath)),
    ),
  );
}
