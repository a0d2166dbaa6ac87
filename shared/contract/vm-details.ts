/** One machine in full (vms.details), its raw XML (vms.xml) and the expert redefinition (vms.defineXml). */
import { z } from 'zod';
import { VmState } from '../types.js';
import { method, mutation } from './define.js';
import { id, uuid } from './fields.js';

export const IpAddress = z.object({
  address: z.string(),
  prefix: z.number().int(),
  family: z.enum(['ipv4', 'ipv6']),
  /** Which libvirt source answered: the network's DHCP leases, the guest agent, or the host's ARP table. */
  source: z.enum(['lease', 'agent', 'arp']),
});
export type IpAddress = z.infer<typeof IpAddress>;

export const VmDisk = z.object({
  target: z.string(),
  bus: z.string().nullable(),
  /** disk | cdrom | floppy | lun */
  device: z.string(),
  /** The host path (or pool/volume, or network name) behind it; null for an empty CD-ROM drive. */
  source: z.string().nullable(),
  /** The storage pool holding the source, when it is a volume of one. */
  pool: z.string().nullable(),
  volume: z.string().nullable(),
  format: z.string().nullable(),
  /** Bytes; null when neither the pool nor the hypervisor could say. */
  capacity: z.number().nullable(),
  allocation: z.number().nullable(),
  readonly: z.boolean(),
});
export type VmDisk = z.infer<typeof VmDisk>;

export const VmNic = z.object({
  mac: z.string().nullable(),
  /** network | bridge | direct | user ... */
  type: z.string(),
  model: z.string().nullable(),
  network: z.string().nullable(),
  bridge: z.string().nullable(),
  /** The host-side device (vnetN) while running. */
  hostDevice: z.string().nullable(),
  addresses: z.array(IpAddress),
});
export type VmNic = z.infer<typeof VmNic>;

export const Uptime = z.object({
  /** When the machine started (ms since the epoch), or null. */
  since: z.number().nullable(),
  /**
   * How `since` is known. libvirt reports no start time over its API, so:
   * "start-event": NovaCron saw it go from off to running (exact to an event's delay);
   * "first-seen": it was already running when NovaCron first looked (it has run at least this long);
   * "unknown": not running, or nobody watched (the CLI).
   */
  source: z.enum(['start-event', 'first-seen', 'unknown']),
});
export type Uptime = z.infer<typeof Uptime>;

export const VmDetails = z.object({
  connectionId: z.string(),
  uuid: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** The hypervisor host's name as libvirt reports it. */
  host: z.string(),
  state: VmState,
  /** libvirt's reason for the state, lower case: booted, unpaused, user, destroyed, saved, ... */
  stateReason: z.string(),
  uptime: Uptime,
  vcpus: z.number().int(),
  maxVcpus: z.number().int(),
  memoryKiB: z.number(),
  maxMemoryKiB: z.number(),
  machineType: z.string().nullable(),
  arch: z.string().nullable(),
  firmware: z.enum(['bios', 'uefi']),
  /** Boot devices in order: per-device orders ("disk vda", "interface 52:54:…") or <os><boot dev> (hd, cdrom, network). */
  bootOrder: z.array(z.string()),
  autostart: z.boolean(),
  persistent: z.boolean(),
  managedSave: z.boolean(),
  disks: z.array(VmDisk),
  nics: z.array(VmNic),
});
export type VmDetails = z.infer<typeof VmDetails>;

const target = { connectionId: id, uuid };

export const vmDetailsMethods = {
  'vms.details': method(z.object(target), VmDetails),
  /** The domain XML: the running definition, or (inactive) what the next boot uses. Secrets are left out. */
  'vms.xml': method(z.object({ ...target, inactive: z.boolean().default(false) }), z.object({ xml: z.string() })),
  /**
   * Redefines the machine from a whole domain XML (expert edit). The name and
   * UUID must stay the machine's own; libvirt's refusal comes back as its own message.
   */
  'vms.defineXml': mutation(
    z.object({
      ...target,
      xml: z
        .string()
        .min(1)
        .max(1024 * 1024),
    }),
    z.object({ xml: z.string() }),
  ),
} as const;

export const vmDetailsContract = { methods: vmDetailsMethods, events: {} };
