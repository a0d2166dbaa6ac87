/**
 * Creating a machine from scratch: what a host offers for it
 * (vms.createChoices: pools and their volumes, networks, the accelerators,
 * firmware, machine type and limits from its domain capabilities) and the
 * creation itself (vms.create), a job whose phases are the volume, the
 * cloud-init seed, the definition and the start; a failure leaves nothing behind.
 */
import { z } from 'zod';
import { method, mutation } from './define.js';
import { id, name } from './fields.js';
import { Job } from './jobs.js';

const capacityBytes = z
  .number()
  .int()
  .min(1024 * 1024, 'at least 1 MiB')
  .max(2 ** 50);
const volumeFormat = z.enum(['qcow2', 'raw']).default('qcow2');

/** A user name for cloud-init: what useradd accepts, nothing a YAML scalar could misread. */
export const cloudUser = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a user name: lower-case letters, digits, "_" or "-", starting with a letter or "_"');
/** A host name (RFC 1123 labels, dots allowed). */
export const hostName = z
  .string()
  .trim()
  .max(253)
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    'a host name: letters, digits and "-" in dot-separated labels',
  );
/** One OpenSSH public key line: type, base64 body, optional comment. */
export const sshPublicKey = z
  .string()
  .trim()
  .max(16 * 1024)
  .regex(
    /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/,
    'not an OpenSSH public key line ("ssh-ed25519 AAAA... comment")',
  );

export const CloudInitInput = z.object({
  user: cloudUser,
  sshKey: sshPublicKey.optional(),
  hostname: hostName,
});
export type CloudInitInput = z.output<typeof CloudInitInput>;

/** Where the machine's disk comes from. */
export const CreateDiskInput = z.discriminatedUnion('kind', [
  /** A new empty volume in `pool` (named "<machine>.<format>"). */
  z.object({ kind: z.literal('new-volume'), pool: name, capacityBytes, format: volumeFormat }),
  /** An existing volume, used as it is (not copied). */
  z.object({ kind: z.literal('volume'), pool: name, volume: name }),
  /** Install from an ISO volume: a CD-ROM with it (booted first) and a new empty disk. */
  z.object({ kind: z.literal('iso'), pool: name, capacityBytes, format: volumeFormat, isoPool: name, isoVolume: name }),
  /**
   * A cloud image: a new qcow2 overlay on `image` (same pool; the image stays untouched) and a
   * cloud-init NoCloud seed (an ISO labelled cidata) built from `cloudInit`, as a CD-ROM.
   * capacityBytes defaults to the image's own size.
   */
  z.object({ kind: z.literal('cloud-image'), pool: name, image: name, capacityBytes: capacityBytes.optional(), cloudInit: CloudInitInput }),
  /** No disk (a network boot, or disks added later). */
  z.object({ kind: z.literal('none') }),
]);
export type CreateDiskInput = z.output<typeof CreateDiskInput>;

export const CreateVmInput = z.object({
  connectionId: id,
  name,
  vcpus: z.number().int().min(1, 'at least 1 vCPU').max(4096),
  memoryKiB: z
    .number()
    .int()
    .min(16 * 1024, 'at least 16 MiB')
    .max(2 ** 40),
  /** Default: the host's own default (KVM where it has it). */
  virtType: z.enum(['kvm', 'qemu']).optional(),
  firmware: z.enum(['bios', 'efi']).default('bios'),
  disk: CreateDiskInput,
  /** An extra CD-ROM with this ISO volume (the CLI's --cdrom); the iso disk kind brings its own. */
  cdrom: z.object({ pool: name, volume: name }).optional(),
  /** A virtual network for one virtio NIC; none without. */
  network: name.optional(),
  start: z.boolean().default(false),
});
export type CreateVmInput = z.output<typeof CreateVmInput>;

export const CreateChoices = z.object({
  pools: z.array(
    z.object({
      name: z.string(),
      active: z.boolean(),
      availableBytes: z.number(),
      volumes: z.array(z.object({ name: z.string(), capacityBytes: z.number(), format: z.string() })),
    }),
  ),
  networks: z.array(z.object({ name: z.string(), active: z.boolean() })),
  /** Accelerators the host offers (kvm first where it has it), with what each brings. */
  virtTypes: z.array(
    z.object({
      type: z.enum(['kvm', 'qemu']),
      machine: z.string().nullable(),
      emulator: z.string().nullable(),
      maxVcpus: z.number().nullable(),
      /** bios always; efi where the host has OVMF (firmware autoselection or loader values). */
      firmwares: z.array(z.enum(['bios', 'efi'])),
    }),
  ),
  defaultVirtType: z.enum(['kvm', 'qemu']).nullable(),
  hostMemoryKiB: z.number(),
  hostCpus: z.number(),
  /** Names already taken on the host (for the form's early check; vms.create checks again). */
  takenNames: z.array(z.string()),
});
export type CreateChoices = z.infer<typeof CreateChoices>;

export const vmCreateMethods = {
  'vms.createChoices': method(z.object({ connectionId: id }), CreateChoices),
  /** Refusals (name taken, no room, missing volume, beyond the host) come from the call itself, before any job. */
  'vms.create': mutation(CreateVmInput, Job),
} as const;

export const vmCreateContract = { methods: vmCreateMethods, events: {} };
