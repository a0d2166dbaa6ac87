/**
 * Device fragments, for a new domain (buildDomainXml) and for hot-plug/unplug
 * (virDomainAttachDeviceFlags / DetachDeviceFlags take one device's XML).
 * Every spec field is validated before any element is made.
 */
import { el, serializeXml } from './builder.js';
import type { XmlElement } from './core.js';
import { XmlSpecError } from './errors.js';
import { checkIntRange, checkMac, checkName, checkOneOf, checkPath, checkToken } from './validate.js';

export const DISK_BUSES = ['virtio', 'sata', 'scsi', 'ide', 'usb'] as const;
export const CDROM_BUSES = ['sata', 'scsi', 'ide', 'usb'] as const;
export const DISK_FORMATS = ['qcow2', 'raw'] as const;
export const NIC_MODELS = ['virtio', 'e1000', 'e1000e', 'rtl8139'] as const;
export const NIC_TYPES = ['network', 'bridge', 'direct', 'user'] as const;

export type DiskSource = { file: string } | { dev: string } | { pool: string; volume: string };

export interface DiskSpec {
  source: DiskSource;
  /** Guest device name: vda, sdb, hdc... */
  target: string;
  bus?: (typeof DISK_BUSES)[number];
  format?: (typeof DISK_FORMATS)[number];
  readonly?: boolean;
  bootOrder?: number;
}

export interface CdromSpec {
  /** An ISO image; omit for an empty drive. */
  file?: string;
  target: string;
  bus?: (typeof CDROM_BUSES)[number];
  bootOrder?: number;
}

export interface InterfaceSpec {
  type: (typeof NIC_TYPES)[number];
  /** Network name (network), host bridge (bridge) or host NIC (direct); not used by user. */
  source?: string;
  mac?: string;
  model?: (typeof NIC_MODELS)[number];
  /** macvtap mode for type direct. */
  mode?: 'bridge' | 'vepa' | 'private' | 'passthrough';
  bootOrder?: number;
}

function checkTarget(target: unknown, field: string): string {
  if (typeof target !== 'string' || !/^(vd|sd|hd|xvd)[a-z]{1,3}$/.test(target)) {
    throw new XmlSpecError(field, `"${String(target)}" is not a disk target such as vda or sdb`);
  }
  return target;
}

function bootEl(order: number | undefined, field: string): XmlElement | undefined {
  return order === undefined ? undefined : el('boot', { order: checkIntRange(order, field, 1, 65535) });
}

/** The source element and disk type for a disk spec. */
function diskSource(source: DiskSource): { type: string; element: XmlElement } {
  if ('file' in source) return { type: 'file', element: el('source', { file: checkPath(source.file, 'disk.source.file') }) };
  if ('dev' in source) return { type: 'block', element: el('source', { dev: checkPath(source.dev, 'disk.source.dev') }) };
  if ('pool' in source) {
    const pool = checkName(source.pool, 'disk.source.pool');
    return { type: 'volume', element: el('source', { pool, volume: checkName(source.volume, 'disk.source.volume') }) };
  }
  throw new XmlSpecError('disk.source', 'needs file, dev, or pool and volume');
}

export function diskElement(spec: DiskSpec): XmlElement {
  const { type, element } = diskSource(spec.source);
  const bus = checkOneOf(spec.bus ?? 'virtio', 'disk.bus', DISK_BUSES);
  const format = checkOneOf(spec.format ?? 'qcow2', 'disk.format', DISK_FORMATS);
  return el(
    'disk',
    { type, device: 'disk' },
    el('driver', { name: 'qemu', type: format }),
    element,
    el('target', { dev: checkTarget(spec.target, 'disk.target'), bus }),
    spec.readonly === true && el('readonly'),
    bootEl(spec.bootOrder, 'disk.bootOrder'),
  );
}

export function cdromElement(spec: CdromSpec): XmlElement {
  const bus = checkOneOf(spec.bus ?? 'sata', 'cdrom.bus', CDROM_BUSES);
  return el(
    'disk',
    { type: 'file', device: 'cdrom' },
    el('driver', { name: 'qemu', type: 'raw' }),
    spec.file !== undefined && el('source', { file: checkPath(spec.file, 'cdrom.file') }),
    el('target', { dev: checkTarget(spec.target, 'cdrom.target'), bus }),
    el('readonly'),
    bootEl(spec.bootOrder, 'cdrom.bootOrder'),
  );
}

function interfaceSource(spec: InterfaceSpec): XmlElement | undefined {
  switch (spec.type) {
    case 'network':
      return el('source', { network: checkName(spec.source, 'interface.source') });
    case 'bridge':
      return el('source', { bridge: checkToken(spec.source, 'interface.source') });
    case 'direct': {
      const mode = checkOneOf(spec.mode ?? 'bridge', 'interface.mode', ['bridge', 'vepa', 'private', 'passthrough'] as const);
      return el('source', { dev: checkToken(spec.source, 'interface.source'), mode });
    }
    case 'user':
      return undefined;
  }
}

export function interfaceElement(spec: InterfaceSpec): XmlElement {
  checkOneOf(spec.type, 'interface.type', NIC_TYPES);
  return el(
    'interface',
    { type: spec.type },
    spec.mac !== undefined && el('mac', { address: checkMac(spec.mac, 'interface.mac') }),
    interfaceSource(spec),
    el('model', { type: checkOneOf(spec.model ?? 'virtio', 'interface.model', NIC_MODELS) }),
    bootEl(spec.bootOrder, 'interface.bootOrder'),
  );
}

/** A <disk device='disk'> fragment for attach/detach. */
export function buildDiskXml(spec: DiskSpec): string {
  return serializeXml(diskElement(spec));
}

/** A <disk device='cdrom'> fragment: attach an empty drive, or update-device to insert/eject media. */
export function buildCdromXml(spec: CdromSpec): string {
  return serializeXml(cdromElement(spec));
}

/** An <interface> fragment for attach/detach. */
export function buildInterfaceXml(spec: InterfaceSpec): string {
  return serializeXml(interfaceElement(spec));
}
