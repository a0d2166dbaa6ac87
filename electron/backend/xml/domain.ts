/**
 * The domain model: what a management console shows about a VM, read from
 * virDomainGetXMLDesc (`virsh dumpxml`). Memory is in KiB whatever unit the
 * document used; devices are read by domain-devices.ts; NovaCron's own
 * metadata by metadata.ts.
 */
import {
  childElements,
  compact,
  type CpuTopology,
  findAll,
  findChild,
  parseXml,
  readAttr,
  readCpuTopology,
  readIntAttr,
  readIntText,
  readRawText,
  readText,
  type XmlElement,
} from './core.js';
import {
  readCharDevice,
  readDisk,
  readGraphics,
  readInterface,
  type CharDeviceModel,
  type DiskModel,
  type GraphicsModel,
  type InterfaceModel,
} from './domain-devices.js';
import { readNovacronMetadata, type NovacronMetadata } from './metadata.js';
import { readKiB } from './units.js';
import { XmlParseError } from './errors.js';

export type Firmware = 'bios' | 'efi';

export interface DomainOsModel {
  /** hvm, linux (Xen PV), exe (containers) */
  type: string;
  arch?: string;
  machine?: string;
  firmware: Firmware;
  loader?: { path?: string; type?: string; readonly?: string; secure?: string };
  nvram?: string;
  /** <os><boot dev=…/> in order: hd, cdrom, network, fd. Empty when devices carry boot orders. */
  bootDevices: string[];
  kernel?: string;
  initrd?: string;
  cmdline?: string;
}

export interface DomainModel {
  /** kvm | qemu | test | ... */
  type: string;
  /** The running domain's id; absent when the domain is shut off. */
  id?: number;
  name: string;
  uuid: string;
  title?: string;
  description?: string;
  memoryKiB: number;
  currentMemoryKiB: number;
  maxMemoryKiB?: number;
  vcpu: { current: number; max: number };
  os: DomainOsModel;
  /** Names of the enabled <features> (acpi, apic, pae, ...). */
  features: string[];
  cpu?: { mode?: string; model?: string; topology?: CpuTopology };
  emulator?: string;
  disks: DiskModel[];
  interfaces: InterfaceModel[];
  graphics: GraphicsModel[];
  consoles: CharDeviceModel[];
  serials: CharDeviceModel[];
  /** Every device with a per-device <boot order>, sorted: e.g. [{ kind: 'disk', target: 'vda', order: 1 }]. */
  bootOrder: Array<{ kind: 'disk' | 'interface'; target: string; order: number }>;
  novacron?: NovacronMetadata;
}

/** BIOS unless the domain asks for EFI: firmware='efi', a pflash loader, or an NVRAM store. */
function readFirmware(os: XmlElement | undefined): Firmware {
  const declared = readAttr(os, 'firmware');
  if (declared === 'efi' || declared === 'bios') return declared;
  const loader = findChild(os, 'loader');
  if (readAttr(loader, 'type') === 'pflash' || findChild(os, 'nvram') !== undefined) return 'efi';
  return 'bios';
}

function readOs(root: XmlElement | undefined): DomainOsModel {
  const os = findChild(root, 'os');
  const type = findChild(os, 'type');
  const loader = findChild(os, 'loader');
  return compact({
    type: readText(type) ?? 'hvm',
    arch: readAttr(type, 'arch'),
    machine: readAttr(type, 'machine'),
    firmware: readFirmware(os),
    loader: loader
      ? compact({
          path: readText(loader),
          type: readAttr(loader, 'type'),
          readonly: readAttr(loader, 'readonly'),
          secure: readAttr(loader, 'secure'),
        })
      : undefined,
    nvram: readText(os, 'nvram'),
    bootDevices: childElements(os, 'boot')
      .map((b) => readAttr(b, 'dev'))
      .filter((d): d is string => d !== undefined),
    kernel: readText(os, 'kernel'),
    initrd: readText(os, 'initrd'),
    cmdline: readText(os, 'cmdline'),
  });
}

function readCpu(root: XmlElement | undefined): DomainModel['cpu'] {
  const cpu = findChild(root, 'cpu');
  if (!cpu) return undefined;
  return compact({
    mode: readAttr(cpu, 'mode'),
    model: readText(cpu, 'model'),
    topology: readCpuTopology(cpu),
  });
}

/** Parses a domain document (dumpxml output). Throws XmlParseError when it is not one. */
export function parseDomain(xml: string): DomainModel {
  const root = parseXml(xml, 'domain');
  const name = readText(root, 'name');
  const uuid = readText(root, 'uuid');
  if (!name) throw new XmlParseError('<domain> has no <name>');
  const memoryKiB = readKiB(root, 'memory') ?? 0;
  const vcpuEl = findChild(root, 'vcpu');
  const maxVcpus = readIntText(root, 'vcpu') ?? 1;
  const disks = findAll(root, 'devices', 'disk').map(readDisk);
  const interfaces = findAll(root, 'devices', 'interface').map(readInterface);
  const bootOrder = [
    ...disks.map((d) => ({ kind: 'disk' as const, target: d.targetDev, order: d.bootOrder })),
    ...interfaces.map((n) => ({ kind: 'interface' as const, target: n.mac ?? '', order: n.bootOrder })),
  ]
    .filter((b): b is { kind: 'disk' | 'interface'; target: string; order: number } => b.order !== undefined)
    .sort((a, b) => a.order - b.order);
  return compact({
    type: readAttr(root, 'type') ?? '',
    id: readIntAttr(root, 'id'),
    name,
    uuid: uuid ?? '',
    title: readText(root, 'title'),
    // Descriptions are free text: keep them exactly, surrounding whitespace included.
    description: readRawText(findChild(root, 'description')),
    memoryKiB,
    currentMemoryKiB: readKiB(root, 'currentMemory') ?? memoryKiB,
    maxMemoryKiB: readKiB(root, 'maxMemory'),
    vcpu: { current: readIntAttr(vcpuEl, 'current') ?? maxVcpus, max: maxVcpus },
    os: readOs(root),
    features: childElements(findChild(root, 'features')).map((f) => f.name),
    cpu: readCpu(root),
    emulator: readText(root, 'devices', 'emulator'),
    disks,
    interfaces,
    graphics: findAll(root, 'devices', 'graphics').map(readGraphics),
    consoles: findAll(root, 'devices', 'console').map(readCharDevice),
    serials: findAll(root, 'devices', 'serial').map(readCharDevice),
    bootOrder,
    novacron: readNovacronMetadata(root),
  });
}
