/**
 * Snapshots of one machine (libvirt's internal snapshots: qcow2 disks, with
 * the memory state for a running machine), listed as a tree.
 */
import { z } from 'zod';
import { Vm } from '../types.js';
import { method, mutation } from './define.js';
import { id, plainText, uuid } from './fields.js';
import { SNAPSHOT_NAME_MAX, SNAPSHOT_NAME_PATTERN, SNAPSHOT_NAME_RULE } from './snapshot-name.js';

/** A snapshot name: letters, digits, spaces and _ . + : - (no slashes, quotes or control characters). */
export const snapshotName = z
  .string()
  .trim()
  .min(1, 'a snapshot name is required')
  .max(SNAPSHOT_NAME_MAX)
  .regex(SNAPSHOT_NAME_PATTERN, SNAPSHOT_NAME_RULE);

export const Snapshot = z.object({
  name: z.string(),
  description: z.string().optional(),
  /** The machine's state when it was taken (running, shutoff, paused, ...): a revert returns to it. */
  state: z.string(),
  /** Milliseconds since the epoch. */
  createdAt: z.number(),
  /** The parent snapshot's name; null for a root. */
  parent: z.string().nullable(),
  /** The names of its direct children, oldest first. */
  children: z.array(z.string()),
  /** Distance from its root (0 for a root), for drawing the tree. */
  depth: z.number().int(),
  /** The machine's current snapshot (the one the next snapshot will descend from). */
  current: z.boolean(),
  /** The guest's memory was saved too: a revert resumes it where it was. */
  withMemory: z.boolean(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const SnapshotTree = z.object({
  /** Depth-first, siblings oldest first: each snapshot follows its parent. */
  snapshots: z.array(Snapshot),
  current: z.string().nullable(),
});
export type SnapshotTree = z.infer<typeof SnapshotTree>;

const target = { connectionId: id, uuid };

export const SnapshotCreateInput = z.object({
  ...target,
  name: snapshotName,
  description: plainText(1000).optional(),
  /** Save the guest's memory as well (required by libvirt for a running machine's internal snapshot). */
  memory: z.boolean().default(false),
});

export const snapshotMethods = {
  'snapshots.list': method(z.object(target), SnapshotTree),
  'snapshots.create': mutation(SnapshotCreateInput, Snapshot),
  /** Returns the machine as it is after the revert (running or shut off, as the snapshot recorded). */
  'snapshots.revert': mutation(z.object({ ...target, name: snapshotName }), Vm),
  /** `children`: delete its whole subtree too; otherwise its children are re-parented by libvirt. */
  'snapshots.delete': mutation(
    z.object({ ...target, name: snapshotName, children: z.boolean().default(false) }),
    z.object({ deleted: z.array(z.string()) }),
  ),
} as const;

export const snapshotEvents = {
  /** A machine's snapshot list changed (created, reverted, deleted): re-read it. */
  'snapshots.changed': z.object({ connectionId: id, uuid }),
} as const;

export const snapshotsContract = { methods: snapshotMethods, events: snapshotEvents };
