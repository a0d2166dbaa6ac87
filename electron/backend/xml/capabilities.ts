/**
 * Host capabilities (virConnectGetCapabilities, `virsh capabilities`): what
 * the host is and which guests it can run: per architecture, the machine
 * types and the domain types (kvm, qemu) available.
 */
import {
  childElements,
  compact,
  type CpuTopology,
  findChild,
  parseXml,
  readAttr,
  readCpuTopology,
  readIntAttr,
  readIntText,
  readText,
} from './core.js';
import { readKiB } from './units.js';

export interface GuestArchModel {
  /** hvm for full virtualization. */
  osType: string;
  arch: string;
  wordsize?: number;
  emulator?: string;
  /** Machine type names, aliases (pc, q35) included, in document order. */
  machines: Array<{ name: string; canonical?: string; maxCpus?: number; deprecated: boolean }>;
  /** kvm, qemu, ... */
  domainTypes: string[];
}

export interface CapabilitiesModel {
  host: {
    uuid?: string;
    arch?: string;
    cpuModel?: string;
    cpuVendor?: string;
    topology?: CpuTopology;
    /** Per NUMA cell: memory in KiB and CPU count. */
    cells: Array<{ id: number; memoryKiB?: number; cpus?: number }>;
    secModels: string[];
  };
  guests: GuestArchModel[];
}

/** Parses a capabilities document. */
export function parseCapabilities(xml: string): CapabilitiesModel {
  const root = parseXml(xml, 'capabilities');
  const host = findChild(root, 'host');
  const cpu = findChild(host, 'cpu');
  return {
    host: compact({
      uuid: readText(host, 'uuid'),
      arch: readText(cpu, 'arch'),
      cpuModel: readText(cpu, 'model'),
      cpuVendor: readText(cpu, 'vendor'),
      topology: readCpuTopology(cpu),
      cells: childElements(findChild(host, 'topology', 'cells'), 'cell').map((c) =>
        compact({ id: readIntAttr(c, 'id') ?? 0, memoryKiB: readKiB(c, 'memory'), cpus: readIntAttr(findChild(c, 'cpus'), 'num') }),
      ),
      secModels: childElements(host, 'secmodel')
        .map((s) => readText(s, 'model'))
        .filter((m): m is string => m !== undefined),
    }),
    guests: childElements(root, 'guest').map((g) => {
      const arch = findChild(g, 'arch');
      return compact({
        osType: readText(g, 'os_type') ?? '',
        arch: readAttr(arch, 'name') ?? '',
        wordsize: readIntText(arch, 'wordsize'),
        emulator: readText(arch, 'emulator'),
        machines: childElements(arch, 'machine').map((m) =>
          compact({
            name: readText(m) ?? '',
            canonical: readAttr(m, 'canonical'),
            maxCpus: readIntAttr(m, 'maxCpus'),
            deprecated: readAttr(m, 'deprecated') === 'yes',
          }),
        ),
        domainTypes: childElements(arch, 'domain')
          .map((d) => readAttr(d, 'type'))
          .filter((t): t is string => t !== undefined),
      });
    }),
  };
}
