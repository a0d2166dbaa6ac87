/**
 * A new domain's XML from a small spec: what NovaCron's "create VM" dialog
 * collects. libvirt fills in the rest (PCI addresses, controllers, the
 * emulator) when the XML is defined.
 */
import { el, serializeXml, textEl } from './builder.js';
import { cdromElement, diskElement, interfaceElement, type CdromSpec, type DiskSpec, type InterfaceSpec } from './device-build.js';
import { XmlSpecError } from './errors.js';
import { novacronMetadataElement, type NovacronMetadata } from './metadata.js';
import type { Firmware } from './domain.js';
import { checkIntRange, checkName, checkOneOf, checkPath, checkPositiveInt, checkText, checkToken, checkUuid } from './validate.js';

export const BOOT_DEVICES = ['hd', 'cdrom', 'network', 'fd'] as const;
export const CPU_MODES = ['host-passthrough', 'host-model', 'maximum'] as const;

export interface DomainSpec {
  name: string;
  uuid?: string;
  /** kvm needs /dev/kvm; qemu is pure emulation. Default kvm. */
  type?: 'kvm' | 'qemu';
  title?: string;
  description?: string;
  memoryMiB: number;
  /** The balloon's initial size; defaults to memoryMiB. */
  currentMemoryMiB?: number;
  vcpus: number;
  /** Hot-pluggable maximum; defaults to vcpus. */
  maxVcpus?: number;
  arch?: string;
  /** Machine type such as q35 or pc-i440fx-7.2; libvirt picks a default when absent. */
  machine?: string;
  /** The emulator binary (from the host's domain capabilities); libvirt picks one when absent. */
  emulator?: string;
  firmware?: Firmware;
  /** Legacy boot order; not allowed together with per-device bootOrder. */
  bootDevices?: Array<(typeof BOOT_DEVICES)[number]>;
  /** Direct kernel boot (no bootloader). */
  kernel?: { path: string; initrd?: string; cmdline?: string };
  cpuMode?: (typeof CPU_MODES)[number];
  /** Defaults to acpi + apic. */
  features?: Array<'acpi' | 'apic' | 'pae'>;
  disks?: DiskSpec[];
  cdroms?: CdromSpec[];
  interfaces?: InterfaceSpec[];
  graphics?: { type: 'vnc' | 'spice'; listen?: string; port?: number };
  /** A pty serial port with a console on it. Default true. */
  serialConsole?: boolean;
  metadata?: NovacronMetadata;
}

function osElement(spec: DomainSpec, perDeviceBoot: boolean): ReturnType<typeof el> {
  const firmware = checkOneOf(spec.firmware ?? 'bios', 'firmware', ['bios', 'efi'] as const);
  const boot = spec.bootDevices ?? (perDeviceBoot || spec.kernel ? [] : ['hd']);
  if (perDeviceBoot && boot.length > 0) throw new XmlSpecError('bootDevices', 'cannot be combined with per-device bootOrder');
  boot.forEach((d, i) => checkOneOf(d, `bootDevices[${i}]`, BOOT_DEVICES));
  const k = spec.kernel;
  return el(
    'os',
    // Firmware autoselection: libvirt finds the OVMF build itself from the firmware descriptors.
    firmware === 'efi' ? { firmware: 'efi' } : {},
    el(
      'type',
      {
        arch: spec.arch === undefined ? 'x86_64' : checkToken(spec.arch, 'arch'),
        machine: spec.machine && checkToken(spec.machine, 'machine'),
      },
      'hvm',
    ),
    k && textEl('kernel', checkPath(k.path, 'kernel.path')),
    k?.initrd !== undefined && textEl('initrd', checkPath(k.initrd, 'kernel.initrd')),
    k?.cmdline !== undefined && textEl('cmdline', checkText(k.cmdline, 'kernel.cmdline', 4096)),
    ...boot.map((dev) => el('boot', { dev })),
  );
}

function devicesElement(spec: DomainSpec): ReturnType<typeof el> {
  const g = spec.graphics;
  const graphics =
    g &&
    el(
      'graphics',
      {
        type: checkOneOf(g.type, 'graphics.type', ['vnc', 'spice'] as const),
        // An explicit port turns autoport off; otherwise libvirt allocates one at start.
        port: g.port === undefined ? -1 : checkIntRange(g.port, 'graphics.port', 5900, 65535),
        autoport: g.port === undefined,
      },
      el('listen', { type: 'address', address: g.listen === undefined ? '127.0.0.1' : checkToken(g.listen, 'graphics.listen') }),
    );
  const serial = spec.serialConsole !== false;
  return el(
    'devices',
    {},
    spec.emulator !== undefined && textEl('emulator', checkPath(spec.emulator, 'emulator')),
    (spec.disks ?? []).map(diskElement),
    (spec.cdroms ?? []).map(cdromElement),
    (spec.interfaces ?? []).map(interfaceElement),
    graphics,
    serial && el('serial', { type: 'pty' }, el('target', { port: 0 })),
    serial && el('console', { type: 'pty' }, el('target', { type: 'serial', port: 0 })),
  );
}

/** Builds a domain document for virDomainDefineXML; throws XmlSpecError on a bad spec. */
export function buildDomainXml(spec: DomainSpec): string {
  const name = checkName(spec.name, 'name');
  const memoryKiB = checkPositiveInt(spec.memoryMiB, 'memoryMiB') * 1024;
  const currentKiB = spec.currentMemoryMiB === undefined ? memoryKiB : checkPositiveInt(spec.currentMemoryMiB, 'currentMemoryMiB') * 1024;
  if (currentKiB > memoryKiB) throw new XmlSpecError('currentMemoryMiB', 'cannot exceed memoryMiB');
  const vcpus = checkIntRange(spec.vcpus, 'vcpus', 1, 4096);
  const maxVcpus = spec.maxVcpus === undefined ? vcpus : checkIntRange(spec.maxVcpus, 'maxVcpus', vcpus, 4096);
  const perDeviceBoot = [...(spec.disks ?? []), ...(spec.cdroms ?? []), ...(spec.interfaces ?? [])].some((d) => d.bootOrder !== undefined);
  const features = spec.features ?? ['acpi', 'apic'];
  features.forEach((f, i) => checkOneOf(f, `features[${i}]`, ['acpi', 'apic', 'pae'] as const));
  return serializeXml(
    el(
      'domain',
      { type: checkOneOf(spec.type ?? 'kvm', 'type', ['kvm', 'qemu'] as const) },
      textEl('name', name),
      spec.uuid !== undefined && textEl('uuid', checkUuid(spec.uuid, 'uuid')),
      spec.title !== undefined && textEl('title', checkTitle(spec.title)),
      spec.description !== undefined && textEl('description', checkText(spec.description, 'description')),
      spec.metadata && el('metadata', {}, novacronMetadataElement(spec.metadata)),
      el('memory', { unit: 'KiB' }, memoryKiB),
      el('currentMemory', { unit: 'KiB' }, currentKiB),
      el('vcpu', { placement: 'static', current: maxVcpus !== vcpus ? vcpus : undefined }, maxVcpus),
      osElement(spec, perDeviceBoot),
      el('features', {}, ...features.map((f) => el(f))),
      spec.cpuMode !== undefined && el('cpu', { mode: checkOneOf(spec.cpuMode, 'cpuMode', CPU_MODES) }),
      el('clock', { offset: 'utc' }),
      devicesElement(spec),
    ),
  );
}

/** libvirt refuses titles with line breaks: they are meant for one-line lists. */
function checkTitle(title: string): string {
  if (/[\r\n]/.test(checkText(title, 'title', 256))) throw new XmlSpecError('title', 'must be a single line');
  return title;
}
