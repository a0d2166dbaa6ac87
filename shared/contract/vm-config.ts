/**
 * Changing a machine: vCPUs and memory, autostart, disks, CD-ROM media and
 * NICs. Every change says where it took effect: "live" (the running machine
 * only), "config" (from the next boot) or "both", and why.
 */
import { z } from 'zod';
import { method, mutation } from './define.js';
import { id, name, path, uuid } from './fields.js';

export const Applied = z.object({
  applied: z.enum(['live', 'config', 'both']),
  /** Why it applies there, e.g. "beyond the current maximum of 2: next boot only". */
  reason: z.string(),
});
export type Applied = z.infer<typeof Applied>;

/** auto: live where libvirt allows it and for the next boot as well; live / config: only there. */
export const ChangeMode = z.enum(['auto', 'live', 'config']);
export type ChangeMode = z.infer<typeof ChangeMode>;

const target = { connectionId: id, uuid };
const mac = z
  .string()
  .trim()
  .regex(/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/, 'not a MAC address (aa:bb:cc:dd:ee:ff)');
const diskTarget = z
  .string()
  .regex(/^(vd|sd|hd|xvd)[a-z]{1,3}$/, 'not a disk target such as vda or sdb')
  .optional();

export const SetResourcesInput = z
  .object({
    ...target,
    vcpus: z.number().int().min(1).max(4096).optional(),
    memoryKiB: z
      .number()
      .int()
      .min(1024)
      .max(2 ** 40)
      .optional(),
    mode: ChangeMode.default('auto'),
  })
  .refine((i) => i.vcpus !== undefined || i.memoryKiB !== undefined, 'give vcpus, memoryKiB or both');
export type SetResourcesInput = z.output<typeof SetResourcesInput>;

export const SetResourcesOutput = z.object({ vcpus: Applied.optional(), memory: Applied.optional() });
export type SetResourcesOutput = z.infer<typeof SetResourcesOutput>;

export const DiskBus = z.enum(['virtio', 'sata', 'scsi', 'usb']);

/** Where a new disk comes from: a new volume, an existing volume, or an ISO image as a CD-ROM. */
export const NewDiskSource = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('new-volume'),
    pool: name,
    /** Default: "<machine>-<target>.<format>". */
    volume: name.optional(),
    capacityBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .max(2 ** 50),
    format: z.enum(['qcow2', 'raw']).default('qcow2'),
  }),
  z.object({ kind: z.literal('volume'), pool: name, volume: name }),
  z.object({ kind: z.literal('iso'), path }),
]);
export type NewDiskSource = z.output<typeof NewDiskSource>;

export const AttachDiskInput = z.object({ ...target, source: NewDiskSource, bus: DiskBus.optional(), readonly: z.boolean().optional() });
export type AttachDiskInput = z.output<typeof AttachDiskInput>;
export const AttachDiskOutput = Applied.extend({ target: z.string(), source: z.string(), createdVolume: z.boolean() });

export const DetachDiskInput = z.object({
  ...target,
  target: z.string().regex(/^(vd|sd|hd|xvd)[a-z]{1,3}$/, 'not a disk target'),
  deleteVolume: z.boolean().default(false),
});
export type DetachDiskInput = z.output<typeof DetachDiskInput>;
export const DetachDiskOutput = Applied.extend({ deletedVolume: z.string().nullable() });

/** path null ejects the medium; target omitted picks the machine's first CD-ROM drive. */
export const ChangeMediaInput = z.object({ ...target, target: diskTarget, path: path.nullable() });
export type ChangeMediaInput = z.output<typeof ChangeMediaInput>;
export const ChangeMediaOutput = Applied.extend({ target: z.string() });

export const AttachNicInput = z.object({
  ...target,
  type: z.enum(['network', 'bridge']),
  /** The virtual network's name, or the host bridge's. */
  source: name,
  model: z.enum(['virtio', 'e1000', 'e1000e', 'rtl8139']).default('virtio'),
  /** Default: libvirt picks one. */
  mac: mac.optional(),
});
export type AttachNicInput = z.output<typeof AttachNicInput>;
export const AttachNicOutput = Applied.extend({ mac: z.string() });

export const DetachNicInput = z.object({ ...target, mac });
export type DetachNicInput = z.output<typeof DetachNicInput>;

export const vmConfigMethods = {
  'vms.setResources': mutation(SetResourcesInput, SetResourcesOutput),
  'vms.setAutostart': mutation(z.object({ ...target, autostart: z.boolean() }), z.object({ autostart: z.boolean() })),
  'vms.attachDisk': mutation(AttachDiskInput, AttachDiskOutput),
  'vms.detachDisk': mutation(DetachDiskInput, DetachDiskOutput),
  'vms.changeMedia': mutation(ChangeMediaInput, ChangeMediaOutput),
  'vms.attachNic': mutation(AttachNicInput, AttachNicOutput),
  'vms.detachNic': mutation(DetachNicInput, Applied),
  /** The pools and networks a disk or NIC can come from (for the views' pickers). */
  'vms.deviceChoices': method(
    z.object({ connectionId: id }),
    z.object({
      pools: z.array(z.object({ name: z.string(), active: z.boolean(), availableBytes: z.number(), volumes: z.array(z.string()) })),
      networks: z.array(z.object({ name: z.string(), active: z.boolean() })),
    }),
  ),
} as const;

export const vmConfigContract = { methods: vmConfigMethods, events: {} };
