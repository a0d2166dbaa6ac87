/**
 * What a new machine can be on one host, from its domain capabilities per
 * accelerator (virConnectGetDomainCapabilities for kvm, then qemu): the
 * canonical machine type, the emulator, the vCPU limit and the firmware;
 * and the host's memory and CPUs (virNodeGetInfo). A host without KVM
 * answers the kvm query with an error: that accelerator is simply absent.
 */
import { api, type RpcCaller } from '../../../libvirt/index.js';
import { parseDomainCapabilities } from '../../xml/index.js';

export type VirtType = 'kvm' | 'qemu';
export type FirmwareKind = 'bios' | 'efi';

export interface VirtTypeFacts {
  type: VirtType;
  machine: string | null;
  emulator: string | null;
  arch: string | null;
  maxVcpus: number | null;
  firmwares: FirmwareKind[];
}

export interface HostFacts {
  /** KVM first where the host has it: the default. */
  virtTypes: VirtTypeFacts[];
  memoryKiB: number;
  cpus: number;
}

async function readVirtType(c: RpcCaller, type: VirtType): Promise<VirtTypeFacts | null> {
  let xml: string;
  try {
    xml = await api.getDomainCapabilities(c, { virtType: type });
  } catch {
    return null; // no such accelerator here (no /dev/kvm), or a driver without domain capabilities
  }
  const m = parseDomainCapabilities(xml);
  // UEFI where the host has OVMF: firmware autoselection offers efi, or the loader lists firmware images.
  const efi = m.firmwares.includes('efi') || m.loader.paths.length > 0;
  return {
    type,
    machine: m.machine ?? null,
    emulator: m.emulator ?? null,
    arch: m.arch ?? null,
    maxVcpus: m.maxVcpus ?? null,
    firmwares: efi ? ['bios', 'efi'] : ['bios'],
  };
}

export async function readHostFacts(c: RpcCaller): Promise<HostFacts> {
  const [kvm, qemu, node] = await Promise.all([readVirtType(c, 'kvm'), readVirtType(c, 'qemu'), api.getNodeInfo(c)]);
  return {
    virtTypes: [kvm, qemu].filter((v): v is VirtTypeFacts => v !== null),
    memoryKiB: Number(node.memoryKiB),
    cpus: node.cpus,
  };
}
