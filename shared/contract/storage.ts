/**
 * Storage pools and their volumes, per host: listing with sizes and a health
 * line, creating pools (a form for dir, netfs and logical; checked XML for any
 * other type the host supports), start/stop/autostart/refresh/delete, and
 * volumes (create, resize, clone, delete) with the machines that use each.
 * Sizes are bytes.
 */
import { z } from 'zod';
import { method, mutation } from './define.js';
import { id, plainText } from './fields.js';

/**
 * A name NovaCron gives a new pool or volume: letters, digits and . _ + -, not
 * starting with a dot or dash. Stricter than libvirt on purpose: such a name
 * is safe in a file name, an XML document and a shell line alike.
 */
export const STORAGE_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/;
export const STORAGE_NAME_MAX = 128;
export const STORAGE_NAME_RULE = 'letters, digits and . _ + - only, not starting with . or -';

/** Why `name` cannot name a new pool or volume, or null when it can (the CLI and the forms say the same). */
export function storageNameProblem(name: string): string | null {
  if (name.length === 0) return 'a name is required';
  if (name.length > STORAGE_NAME_MAX) return `at most ${STORAGE_NAME_MAX} characters`;
  if (!STORAGE_NAME_PATTERN.test(name)) return STORAGE_NAME_RULE;
  return null;
}

/** Why `p` cannot be a host path NovaCron hands to libvirt, or null: absolute, no '..' segments. */
export function hostPathProblem(p: string): string | null {
  if (!p.startsWith('/')) return 'must be an absolute path';
  if (p.split('/').includes('..')) return 'must not contain ".." segments';
  return null;
}

/** A new object's name. */
export const storageName = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const problem = storageNameProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** An existing object's name: whatever libvirt allowed (no '/', no control characters). */
export const objectName = plainText(STORAGE_NAME_MAX * 2)
  .pipe(z.string().min(1, 'a name is required'))
  .refine((s) => !s.includes('/'), 'must not contain "/"');

export const hostPath = plainText(4096).superRefine((s, ctx) => {
  const problem = hostPathProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Bytes: a positive safe integer. */
export const byteSize = z.number().int('a whole number of bytes').positive('must be more than 0 bytes').max(Number.MAX_SAFE_INTEGER);

export const POOL_STATES = ['inactive', 'building', 'running', 'degraded', 'inaccessible'] as const;
export const PoolStateName = z.enum([...POOL_STATES, 'unknown']);

/**
 * The health line's thresholds, shown in the UI's tooltip as they are applied:
 * red when the pool is not usable, almost full, or full within a day at the
 * last hour's rate; amber when stopped, getting full, full within a week, or
 * its last refresh failed; green otherwise.
 */
export const POOL_HEALTH = {
  /** Free space below this share of the capacity is red. */
  redFreeRatio: 0.05,
  /** ... and below this share amber. */
  amberFreeRatio: 0.15,
  /** Full within this many hours at the last hour's fill rate is red. */
  redHoursToFull: 24,
  /** ... and within this many amber. */
  amberHoursToFull: 24 * 7,
  /** The window of allocation samples the fill rate is fitted over. */
  rateWindowMs: 60 * 60 * 1000,
  /** At least this many samples, spanning at least rateMinSpanMs, before a rate is given. */
  rateMinSamples: 3,
  rateMinSpanMs: 5 * 60 * 1000,
} as const;

export const HealthLevel = z.enum(['green', 'amber', 'red']);
export type HealthLevel = z.infer<typeof HealthLevel>;

export const PoolHealth = z.object({
  level: HealthLevel,
  /** One short line: the worst finding first ("running · 42 GiB free · filling 1.2 GiB/h, full in 35 h"). */
  summary: z.string(),
  /** Every finding that set the level, worst first. */
  reasons: z.array(z.object({ level: HealthLevel, text: z.string() })),
  /** Bytes per hour over the last hour's samples (negative: shrinking); null without enough samples. */
  fillBytesPerHour: z.number().nullable(),
  /** At that rate; null when not filling or unknown. */
  hoursToFull: z.number().nullable(),
  /** The last failed refresh of this pool (NovaCron's own, since the backend started), cleared by a good one. */
  lastRefreshError: z.object({ message: z.string(), at: z.number() }).nullable(),
});
export type PoolHealth = z.infer<typeof PoolHealth>;

export const Pool = z.object({
  connectionId: id,
  /** The connection's display name. */
  host: z.string(),
  name: z.string(),
  uuid: z.string(),
  /** dir, fs, netfs, logical, disk, iscsi, rbd, ... */
  type: z.string(),
  state: PoolStateName,
  persistent: z.boolean(),
  autostart: z.boolean(),
  capacity: z.number(),
  allocation: z.number(),
  available: z.number(),
  targetPath: z.string().nullable(),
  /** e.g. "nfs 10.0.0.5:/export" or "vg0"; null for a plain directory. */
  source: z.string().nullable(),
  /** null while the pool is not running (libvirt lists no volumes then). */
  volumeCount: z.number().int().nullable(),
  health: PoolHealth,
});
export type Pool = z.infer<typeof Pool>;

export const VolumeUser = z.object({
  uuid: z.string(),
  name: z.string(),
  /** The disk's target (vda, sdb). */
  target: z.string(),
  /** The machine uses this volume through an overlay (a volume backed by it): that overlay's name. */
  via: z.string().optional(),
});
export type VolumeUser = z.infer<typeof VolumeUser>;

export const Volume = z.object({
  pool: z.string(),
  name: z.string(),
  key: z.string(),
  path: z.string(),
  /** file, block, dir, network, ... */
  type: z.string(),
  /** qcow2, raw, iso, ... ('' when libvirt names none). */
  format: z.string(),
  capacity: z.number(),
  allocation: z.number(),
  /** The backing image's path of a copy-on-write overlay. */
  backingPath: z.string().nullable(),
  usedBy: z.array(VolumeUser),
});
export type Volume = z.infer<typeof Volume>;

export const PoolCapabilities = z.object({
  /** The pool types this host's storage driver supports, with their volume formats. */
  types: z.array(z.object({ type: z.string(), volumeFormats: z.array(z.string()), form: z.boolean() })),
});
export type PoolCapabilities = z.infer<typeof PoolCapabilities>;

/** The types the create form has fields for; the others are given as XML. */
export const FORM_POOL_TYPES = ['dir', 'netfs', 'logical'] as const;

const hostName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,253}$/, 'a host name or IP address');

export const PoolForm = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dir'), name: storageName, targetPath: hostPath }),
  z.object({
    type: z.literal('netfs'),
    name: storageName,
    targetPath: hostPath,
    host: hostName,
    sourceDir: hostPath,
    format: z.enum(['nfs', 'cifs', 'glusterfs']).default('nfs'),
  }),
  z.object({
    type: z.literal('logical'),
    name: storageName,
    vgName: storageName.optional(),
    /** Physical volumes, when the pool is to build the volume group. */
    devices: z.array(hostPath).max(32).default([]),
  }),
  /** Any other type the host reports: a whole <pool> document, checked before libvirt sees it. */
  z.object({
    type: z.literal('xml'),
    xml: z
      .string()
      .min(1)
      .max(64 * 1024),
  }),
]);
export type PoolForm = z.infer<typeof PoolForm>;

const onHost = { connectionId: id };
const onPool = { connectionId: id, pool: objectName };
const onVolume = { ...onPool, volume: objectName };

export const PoolCreateInput = z.object({
  ...onHost,
  spec: PoolForm,
  /** Build it first (make the directory, format the VG...); a netfs pool needs no build. */
  build: z.boolean().default(true),
  start: z.boolean().default(true),
  autostart: z.boolean().default(false),
});

export const VolumeCreateInput = z.object({
  ...onPool,
  name: storageName,
  format: z.enum(['qcow2', 'raw']).default('qcow2'),
  capacity: byteSize,
  /** A volume of the same pool this one is a copy-on-write overlay of (qcow2 only). */
  backing: objectName.optional(),
});

export const storageMethods = {
  /** Every pool of every connected host (or of one), with sizes and health. */
  'storage.pools': method(z.object({ connectionId: id.optional() }), z.array(Pool)),
  'storage.capabilities': method(z.object(onHost), PoolCapabilities),
  'storage.volumes': method(z.object(onPool), z.object({ pool: Pool, volumes: z.array(Volume) })),
  'storage.createPool': mutation(PoolCreateInput, Pool),
  'storage.startPool': mutation(z.object(onPool), Pool),
  'storage.stopPool': mutation(z.object(onPool), Pool),
  'storage.refreshPool': mutation(z.object(onPool), Pool),
  'storage.setPoolAutostart': mutation(z.object({ ...onPool, autostart: z.boolean() }), Pool),
  /**
   * Stops and undefines the pool. `deleteVolumes` first deletes every volume
   * and the pool's own storage (its directory); refused while a machine uses one.
   */
  'storage.deletePool': mutation(
    z.object({ ...onPool, deleteVolumes: z.boolean().default(false) }),
    z.object({ deleted: z.string(), volumesDeleted: z.array(z.string()) }),
  ),
  'storage.createVolume': mutation(VolumeCreateInput, Volume),
  /** Grows the volume; a smaller size needs `shrink` (raw and qcow2 only). */
  'storage.resizeVolume': mutation(z.object({ ...onVolume, capacity: byteSize, shrink: z.boolean().default(false) }), Volume),
  /** Refused while a machine uses it, unless `force`. */
  'storage.deleteVolume': mutation(z.object({ ...onVolume, force: z.boolean().default(false) }), z.object({ deleted: z.string() })),
  /** A full copy into the same pool under a new name. */
  'storage.cloneVolume': mutation(z.object({ ...onVolume, name: storageName }), Volume),
} as const;

export const storageEvents = {
  /** A pool or its volumes changed through NovaCron: re-read the pools (and that pool's volumes). */
  'storage.changed': z.object({ connectionId: id, pool: z.string().optional() }),
} as const;

export const storageContract = { methods: storageMethods, events: storageEvents };
