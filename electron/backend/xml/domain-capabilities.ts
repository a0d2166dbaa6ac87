/**
 * What one emulator/machine/domain-type combination supports
 * (virConnectGetDomainCapabilities, `virsh domcapabilities`) and which pool
 * types the storage driver offers (virConnectGetStoragePoolCapabilities).
 * The console uses these to fill the create dialog's choices.
 */
import { childElements, compact, findChild, parseXml, readAttr, readIntAttr, readText, type XmlElement } from './core.js';

export interface DomainCapabilitiesModel {
  emulator?: string;
  /** kvm | qemu */
  domainType?: string;
  /** The canonical machine type these capabilities are for. */
  machine?: string;
  arch?: string;
  maxVcpus?: number;
  /** Firmware autoselection values (<os><enum name='firmware'>): bios, efi. */
  firmwares: string[];
  loader: { supported: boolean; paths: string[]; types: string[]; secure: string[] };
  /** CPU modes libvirt reports as supported. */
  cpuModes: string[];
  /** Values of each <devices><X><enum>, e.g. devices.disk.diskDevice = [disk, cdrom, ...]. */
  devices: Record<string, Record<string, string[]>>;
}

/** The values of <enum name=…> directly under `el`, keyed by enum name. */
function readEnums(el: XmlElement | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of childElements(el, 'enum')) {
    out[readAttr(e, 'name') ?? ''] = childElements(e, 'value')
      .map((v) => readText(v))
      .filter((s): s is string => s !== undefined);
  }
  return out;
}

/** Parses a domainCapabilities document. */
export function parseDomainCapabilities(xml: string): DomainCapabilitiesModel {
  const root = parseXml(xml, 'domainCapabilities');
  const os = findChild(root, 'os');
  const loader = findChild(os, 'loader');
  const loaderEnums = readEnums(loader);
  const devices: Record<string, Record<string, string[]>> = {};
  for (const d of childElements(findChild(root, 'devices'))) {
    if (readAttr(d, 'supported') !== 'no') devices[d.name] = readEnums(d);
  }
  return compact({
    emulator: readText(root, 'path'),
    domainType: readText(root, 'domain'),
    machine: readText(root, 'machine'),
    arch: readText(root, 'arch'),
    maxVcpus: readIntAttr(findChild(root, 'vcpu'), 'max'),
    firmwares: readEnums(os)['firmware'] ?? [],
    loader: {
      supported: readAttr(loader, 'supported') === 'yes',
      paths: childElements(loader, 'value')
        .map((v) => readText(v))
        .filter((s): s is string => s !== undefined),
      types: loaderEnums['type'] ?? [],
      secure: loaderEnums['secure'] ?? [],
    },
    cpuModes: childElements(findChild(root, 'cpu'), 'mode')
      .filter((m) => readAttr(m, 'supported') === 'yes')
      .map((m) => readAttr(m, 'name') ?? ''),
    devices,
  });
}

export interface StoragePoolCapabilitiesModel {
  /** Supported pool types with their volume formats (empty when the type has none). */
  pools: Array<{ type: string; volumeFormats: string[]; defaultVolumeFormat?: string }>;
}

/** Parses a storagepoolCapabilities document; unsupported pool types are left out. */
export function parseStoragePoolCapabilities(xml: string): StoragePoolCapabilitiesModel {
  const root = parseXml(xml, 'storagepoolCapabilities');
  return {
    pools: childElements(root, 'pool')
      .filter((p) => readAttr(p, 'supported') === 'yes')
      .map((p) => {
        const vol = findChild(p, 'volOptions');
        return compact({
          type: readAttr(p, 'type') ?? '',
          volumeFormats: readEnums(vol)['targetFormatType'] ?? [],
          defaultVolumeFormat: readAttr(findChild(vol, 'defaultFormat'), 'type'),
        });
      }),
  };
}
