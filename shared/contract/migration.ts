/**
 * Moving machines between hosts NovaCron is connected to: a plan that says
 * what a migration would do (or why it cannot), the migration itself as a job
 * with live progress, and hosts' maintenance and evacuation.
 */
import { z } from 'zod';
import { AppErrorShape } from '../types.js';
import { method, mutation } from './define.js';
import { id, uuid } from './fields.js';
import { Job } from './jobs.js';

/**
 * QEMU's compression for the memory stream: xbzrle (deltas of pages sent again), zstd over
 * multifd streams (libvirt newer than 9.0 refuses it as "unsupported"), or mt (QEMU's older
 * multithreaded zlib, for daemons without multifd compression).
 */
export const MigrationCompression = z.enum(['none', 'xbzrle', 'zstd', 'mt']);
export type MigrationCompression = z.infer<typeof MigrationCompression>;

export const MigrationOptions = z.object({
  /**
   * Running machines: keep it running during the copy (false: paused while it moves).
   * Shut-off machines always move offline (definition and disks).
   */
  live: z.boolean().default(true),
  /** The source daemon drives the migration itself (it must be able to reach and log in to the target). */
  p2p: z.boolean().default(false),
  /** With p2p: QEMU's stream goes through the daemons' own connection. */
  tunnelled: z.boolean().default(false),
  /** Copy disks that are not on storage both hosts share (libvirt's NBD copy). */
  copyStorage: z.boolean().default(false),
  compression: MigrationCompression.default('none'),
  /** Parallel streams for zstd compression. */
  parallelConnections: z.number().int().min(2).max(16).default(2),
  /** MiB/s; absent = as fast as the link goes. */
  bandwidthMiBps: z.number().int().min(1).max(1_000_000).optional(),
  /** Throttle the guest's vCPUs when its memory changes faster than the link can copy. */
  autoConverge: z.boolean().default(false),
  /** The longest pause at the switch-over, in ms (QEMU's default is 300). */
  maxDowntimeMs: z.number().int().min(1).max(600_000).optional(),
  /** Allow switching to post-copy while it runs (migration.postcopy); the guest then runs on the target at once. */
  postcopy: z.boolean().default(false),
});
export type MigrationOptions = z.output<typeof MigrationOptions>;
export type MigrationOptionsInput = z.input<typeof MigrationOptions>;

const target = { connectionId: id, uuid, targetConnectionId: id };

export const MigrationDisk = z.object({
  target: z.string(),
  path: z.string().nullable(),
  pool: z.string().nullable(),
  capacity: z.number(),
  /** What happens to it: copied (live: NBD; offline: a volume stream), left alone (read-only, CD-ROM), or shared. */
  handling: z.enum(['copy', 'shared', 'skip']),
  /** The pool on the target that takes the copy, when there is one. */
  targetPool: z.string().nullable(),
});
export type MigrationDisk = z.infer<typeof MigrationDisk>;

export const MigrationPlan = z.object({
  name: z.string(),
  uuid: z.string(),
  source: z.object({ connectionId: z.string(), name: z.string(), hostname: z.string().nullable() }),
  target: z.object({ connectionId: z.string(), name: z.string(), hostname: z.string().nullable(), freeMemoryKiB: z.number().nullable() }),
  /** live: the machine runs; offline: it is shut off (definition + disks through volume streams). */
  mode: z.enum(['live', 'offline']),
  memoryKiB: z.number(),
  disks: z.array(MigrationDisk),
  /** Networks its NICs use that the target lacks, etc.: the migration would fail. */
  blockers: z.array(z.string()),
  /** Worth knowing, not fatal. */
  warnings: z.array(z.string()),
});
export type MigrationPlan = z.infer<typeof MigrationPlan>;

export const EvacuationItem = z.object({
  uuid: z.string(),
  name: z.string(),
  /** The host it goes to: the user's pick or the connected host with the most free memory. */
  targetConnectionId: z.string().nullable(),
  targetName: z.string().nullable(),
  reason: z.string(),
});
export type EvacuationItem = z.infer<typeof EvacuationItem>;

export const EvacuationOutcome = z.object({
  uuid: z.string(),
  name: z.string(),
  targetConnectionId: z.string().nullable(),
  ok: z.boolean(),
  error: AppErrorShape.nullable(),
});
export type EvacuationOutcome = z.infer<typeof EvacuationOutcome>;

const EvacuateInput = z.object({
  connectionId: id,
  /** Per machine; a machine not named goes to `defaultTarget`, or else to the host with the most free memory. */
  targets: z
    .array(z.object({ uuid, targetConnectionId: id }))
    .max(1000)
    .default([]),
  defaultTarget: id.optional(),
  options: MigrationOptions.default(MigrationOptions.parse({})),
});

export const migrationMethods = {
  /** What migrating the machine to the target would do, and what stops it. Changes nothing. */
  'migration.plan': method(z.object(target), MigrationPlan),
  /** Moves the machine to the target as a job (kind "migrate"): job.detail carries the live figures. */
  'migration.start': mutation(z.object({ ...target, options: MigrationOptions.default(MigrationOptions.parse({})) }), Job),
  /** Switches a running migration job started with `postcopy` to post-copy. */
  'migration.postcopy': mutation(z.object({ jobId: z.string().min(1).max(64) }), z.object({ ok: z.literal(true) })),
  /** Where each running machine of the host would go. Changes nothing. */
  'hosts.evacuationPlan': method(EvacuateInput.pick({ connectionId: true, targets: true, defaultTarget: true }), z.array(EvacuationItem)),
  /**
   * Migrates every running machine off the host, one after another, past failures (a job, kind "evacuate").
   * To keep new machines off it meanwhile, put it in maintenance first (hosts.setMaintenance).
   */
  'hosts.evacuate': mutation(EvacuateInput, Job),
  /** In maintenance nothing new starts on the host through NovaCron (start, create, migrate to it). */
  'hosts.setMaintenance': mutation(z.object({ connectionId: id, maintenance: z.boolean() }), z.object({ ok: z.literal(true) })),
} as const;

export const migrationEvents = {} as const;

export const migrationContract = { methods: migrationMethods, events: migrationEvents };
