/**
 * A new machine's definition from its resolved shape: accelerator, machine
 * type and emulator from the host, vCPUs and memory, firmware, one disk,
 * CD-ROMs, one NIC, a serial console. Pure (no libvirt calls), so a later
 * "instantiate a template" can build its shape and reuse it as it is.
 */
import { buildDomainXml, XmlSpecError, type CdromSpec, type DomainSpec } from '../../xml/index.js';
import type { FirmwareKind, VirtTypeFacts } from './host-facts.js';

export interface MachineShape {
  name: string;
  uuid: string;
  virt: Pick<VirtTypeFacts, 'type' | 'machine' | 'emulator' | 'arch'>;
  vcpus: number;
  memoryMiB: number;
  firmware: FirmwareKind;
  /** The system disk (virtio, vda). */
  disk: { path: string; format: 'qcow2' | 'raw' } | null;
  /** ISO images, one CD-ROM each, in this order. */
  cdroms: string[];
  /** What the firmware boots first. */
  bootFirst: 'hd' | 'cdrom' | 'network';
  /** A virtio NIC on this virtual network. */
  network: string | null;
}

/** IDE on the i440fx ("pc") machines, which always have it; SATA on q35, which has AHCI built in. */
function cdromBus(machine: string | null): { bus: 'ide' | 'sata'; targets: string[] } {
  return machine && /q35/.test(machine)
    ? { bus: 'sata', targets: ['sda', 'sdb', 'sdc', 'sdd'] }
    : { bus: 'ide', targets: ['hdc', 'hdd', 'hdb'] };
}

export function buildMachineSpec(s: MachineShape): DomainSpec {
  const { bus, targets } = cdromBus(s.virt.machine);
  if (s.cdroms.length > targets.length) throw new XmlSpecError('cdroms', `at most ${targets.length} CD-ROM drives on this machine type`);
  const cdroms: CdromSpec[] = s.cdroms.map((file, i) => ({ file, target: targets[i]!, bus }));
  const boot: DomainSpec['bootDevices'] =
    s.bootFirst === 'cdrom' ? ['cdrom', 'hd'] : s.bootFirst === 'network' ? ['network', 'hd'] : ['hd', 'cdrom'];
  return {
    name: s.name,
    uuid: s.uuid,
    type: s.virt.type,
    memoryMiB: s.memoryMiB,
    vcpus: s.vcpus,
    ...(s.virt.arch ? { arch: s.virt.arch } : {}),
    ...(s.virt.machine ? { machine: s.virt.machine } : {}),
    ...(s.virt.emulator ? { emulator: s.virt.emulator } : {}),
    firmware: s.firmware,
    bootDevices: boot,
    disks: s.disk ? [{ source: { file: s.disk.path }, target: 'vda', bus: 'virtio', format: s.disk.format }] : [],
    cdroms,
    interfaces: s.network ? [{ type: 'network', source: s.network, model: 'virtio' }] : [],
    serialConsole: true,
  };
}

/** The domain XML of a shape (XmlSpecError on a bad one). */
export function buildMachineXml(s: MachineShape): string {
  return buildDomainXml(buildMachineSpec(s));
}
