/**
 * NovaCron's migration options as libvirt's flags and typed parameters
 * (VIR_MIGRATE_* and VIR_MIGRATE_PARAM_*). Pure: the plan and the CLI's
 * dry descriptions use the same mapping as the migration itself.
 */
import type { MigrationOptions } from '../../../shared/contract/migration.js';
import { MigrateFlags, type MigrateParams } from '../../libvirt/index.js';

export interface MachineFacts {
  running: boolean;
  persistent: boolean;
  /** Targets of the disks QEMU copies over NBD (copy-storage). */
  copyDisks: string[];
}

/** The VIR_MIGRATE_* bits for a live (or paused) migration of a running machine. */
export function liveMigrationFlags(o: MigrationOptions, m: MachineFacts): number {
  let f = 0;
  if (o.live) f |= MigrateFlags.LIVE;
  // A persistent machine moves for good: defined on the target, undefined on the source.
  if (m.persistent) f |= MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE;
  if (o.copyStorage && m.copyDisks.length > 0) f |= MigrateFlags.NON_SHARED_DISK;
  if (o.compression !== 'none') f |= MigrateFlags.COMPRESSED;
  if (o.compression === 'zstd') f |= MigrateFlags.PARALLEL;
  if (o.autoConverge) f |= MigrateFlags.AUTO_CONVERGE;
  if (o.postcopy) f |= MigrateFlags.POSTCOPY;
  if (o.p2p) f |= MigrateFlags.PEER2PEER;
  if (o.p2p && o.tunnelled) f |= MigrateFlags.TUNNELLED;
  // A failing disk during the copy aborts instead of pausing the guest half-moved.
  f |= MigrateFlags.ABORT_ON_ERROR;
  return f;
}

/** The typed parameters that go with those flags. */
export function liveMigrationParams(o: MigrationOptions, m: MachineFacts): MigrateParams {
  const p: MigrateParams = {};
  if (o.bandwidthMiBps !== undefined) p.bandwidth = o.bandwidthMiBps;
  if (o.copyStorage && m.copyDisks.length > 0) p.migrateDisks = [...m.copyDisks];
  if (o.compression === 'xbzrle' || o.compression === 'mt') p.compression = [o.compression];
  if (o.compression === 'zstd') {
    p.compression = ['zstd'];
    p.parallelConnections = o.parallelConnections;
  }
  return p;
}

/** What the options ask, in words (job titles, the CLI). */
export function describeOptions(o: MigrationOptions): string {
  const parts = [o.live ? 'live' : 'paused'];
  if (o.copyStorage) parts.push('copy storage');
  if (o.compression !== 'none') parts.push(o.compression === 'zstd' ? `zstd ×${o.parallelConnections}` : o.compression);
  if (o.bandwidthMiBps !== undefined) parts.push(`≤ ${o.bandwidthMiBps} MiB/s`);
  if (o.autoConverge) parts.push('auto-converge');
  if (o.maxDowntimeMs !== undefined) parts.push(`downtime ≤ ${o.maxDowntimeMs} ms`);
  if (o.postcopy) parts.push('post-copy allowed');
  if (o.p2p) parts.push(o.tunnelled ? 'peer-to-peer, tunnelled' : 'peer-to-peer');
  return parts.join(', ');
}
