/**
 * The rest of a machine's life: managed save and discarding it, clone (a
 * job), delete with an exact list of the volumes that go, and bulk actions
 * over machines of several hosts. (Start, shutdown, reboot, reset, force off,
 * pause and resume are vms.act.)
 */
import { z } from 'zod';
import { AppErrorShape } from '../types.js';
import { method, mutation } from './define.js';
import { id, name, path, uuid } from './fields.js';
import { Job } from './jobs.js';

const target = { connectionId: id, uuid };

export const DeletePlan = z.object({
  name: z.string(),
  uuid: z.string(),
  running: z.boolean(),
  persistent: z.boolean(),
  /** The volumes a delete with storage removes: exactly these, by path. */
  volumes: z.array(z.object({ target: z.string(), path: z.string(), pool: z.string(), volume: z.string(), capacity: z.number() })),
  /** Disks whose storage stays, and why (a CD-ROM image, not in a pool, used by another machine, read-only). */
  kept: z.array(z.object({ target: z.string(), path: z.string().nullable(), reason: z.string() })),
  /** The UEFI variable store libvirt removes with the machine, if it has one. */
  nvram: z.string().nullable(),
  snapshots: z.number().int(),
  managedSave: z.boolean(),
});
export type DeletePlan = z.infer<typeof DeletePlan>;

export const DeleteInput = z.object({
  ...target,
  withStorage: z.boolean().default(false),
  /** With storage: the plan's volume paths, exactly; a delete whose plan changed meanwhile is refused. */
  volumes: z.array(path).max(256).default([]),
  /** Force a running machine off first (otherwise a running machine is refused). */
  force: z.boolean().default(false),
});
export type DeleteInput = z.output<typeof DeleteInput>;

export const DeleteOutput = z.object({
  name: z.string(),
  deletedVolumes: z.array(z.string()),
  failedVolumes: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type DeleteOutput = z.infer<typeof DeleteOutput>;

export const BulkAction = z.enum(['start', 'shutdown', 'destroy', 'delete']);
export type BulkAction = z.infer<typeof BulkAction>;

export const BulkInput = z.object({
  action: BulkAction,
  items: z
    .array(
      z.object({
        ...target,
        /** For delete with storage: this machine's plan's volume paths. */
        volumes: z.array(path).max(256).optional(),
      }),
    )
    .min(1)
    .max(1000),
  withStorage: z.boolean().default(false),
  force: z.boolean().default(false),
});
export type BulkInput = z.output<typeof BulkInput>;

export const BulkOutput = z.array(
  z.object({ connectionId: z.string(), uuid: z.string(), name: z.string().nullable(), ok: z.boolean(), error: AppErrorShape.nullable() }),
);
export type BulkOutput = z.infer<typeof BulkOutput>;

export const vmLifecycleMethods = {
  'vms.deletePlan': method(z.object(target), DeletePlan),
  'vms.delete': mutation(DeleteInput, DeleteOutput),
  /** Saves the running machine's memory to disk and stops it; the next start restores it. A job. */
  'vms.managedSave': mutation(z.object(target), Job),
  'vms.discardSave': mutation(z.object(target), z.object({ ok: z.literal(true) })),
  /** Full copy of a shut-off machine: every disk copied, new name, UUID and MACs. A job. */
  'vms.clone': mutation(z.object({ ...target, newName: name }), Job),
  'vms.bulk': mutation(BulkInput, BulkOutput),
} as const;

export const vmLifecycleContract = { methods: vmLifecycleMethods, events: {} };
