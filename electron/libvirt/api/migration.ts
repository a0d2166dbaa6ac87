/** Peer-to-peer live migration and job control. */
import { type Dom, type TypedParam, TypedParamType } from '../protocol/common.js';
import type { RpcCaller } from '../rpc/types.js';
import { MigrateFlags, MigrateParam } from '../protocol/flags/snapshot-migration.js';
import * as P from '../protocol/migration.js';
import { toU64 } from './util.js';

/** The VIR_MIGRATE_PARAM_* values we expose; absent = not sent. */
export interface MigrateParams {
  /** Where QEMU's migration stream goes, e.g. "tcp://10.0.0.2" (default: the destination's hostname). */
  migrateUri?: string;
  destinationName?: string;
  destinationXml?: string;
  persistentXml?: string;
  /** MiB/s. */
  bandwidth?: number | bigint;
  /** MiB/s during post-copy. */
  bandwidthPostcopy?: number | bigint;
  graphicsUri?: string;
  listenAddress?: string;
  /** Disks (targets) to copy with NON_SHARED_DISK/INC; one param per disk. */
  migrateDisks?: string[];
  disksPort?: number;
  disksUri?: string;
  /** Compression methods ("xbzrle", "mt", "zlib", "zstd"); one param each. */
  compression?: string[];
  autoConvergeInitial?: number;
  autoConvergeIncrement?: number;
  parallelConnections?: number;
  tlsDestination?: string;
}

/** Builds the typed parameter list for MIGRATE_PERFORM3_PARAMS, in a stable order. */
export function buildMigrateParams(p: MigrateParams): TypedParam[] {
  const out: TypedParam[] = [];
  const s = (field: string, v: string | undefined) => {
    if (v !== undefined) out.push({ field, type: TypedParamType.STRING, value: v });
  };
  const i = (field: string, v: number | undefined) => {
    if (v !== undefined) out.push({ field, type: TypedParamType.INT, value: v });
  };
  const ull = (field: string, v: number | bigint | undefined) => {
    if (v !== undefined) out.push({ field, type: TypedParamType.ULLONG, value: toU64(v, field) });
  };
  s(MigrateParam.URI, p.migrateUri);
  s(MigrateParam.DEST_NAME, p.destinationName);
  s(MigrateParam.DEST_XML, p.destinationXml);
  s(MigrateParam.PERSIST_XML, p.persistentXml);
  ull(MigrateParam.BANDWIDTH, p.bandwidth);
  ull(MigrateParam.BANDWIDTH_POSTCOPY, p.bandwidthPostcopy);
  s(MigrateParam.GRAPHICS_URI, p.graphicsUri);
  s(MigrateParam.LISTEN_ADDRESS, p.listenAddress);
  for (const d of p.migrateDisks ?? []) s(MigrateParam.MIGRATE_DISKS, d);
  i(MigrateParam.DISKS_PORT, p.disksPort);
  s(MigrateParam.DISKS_URI, p.disksUri);
  for (const m of p.compression ?? []) s(MigrateParam.COMPRESSION, m);
  i(MigrateParam.AUTO_CONVERGE_INITIAL, p.autoConvergeInitial);
  i(MigrateParam.AUTO_CONVERGE_INCREMENT, p.autoConvergeIncrement);
  i(MigrateParam.PARALLEL_CONNECTIONS, p.parallelConnections);
  s(MigrateParam.TLS_DESTINATION, p.tlsDestination);
  return out;
}

/**
 * Migrates `dom` peer-to-peer: one call to the source daemon, which itself
 * connects to `destUri` (as *it* must reach it, e.g. "qemu+ssh://dst/system")
 * and runs the whole protocol. PEER2PEER is always added to `flags` (add
 * MigrateFlags.LIVE, PERSIST_DEST, UNDEFINE_SOURCE, ... as wanted). Resolves
 * when the migration is over, which can take minutes: track it with
 * getJobStats() and cancel it with abortJob() on another call.
 */
export async function migrateDomainP2P(
  c: RpcCaller,
  dom: Dom,
  destUri: string,
  params: MigrateParams = {},
  flags: number = MigrateFlags.LIVE,
): Promise<void> {
  await c.call(P.DOMAIN_MIGRATE_PERFORM3_PARAMS, {
    dom,
    dconnuri: destUri,
    params: buildMigrateParams(params),
    cookieIn: new Uint8Array(0),
    flags: flags | MigrateFlags.PEER2PEER,
  });
}

export interface JobStats {
  /** JobType (NONE, BOUNDED, UNBOUNDED, COMPLETED, FAILED, CANCELLED). */
  type: number;
  /** time_elapsed, data_total, data_processed, memory_*, ... */
  params: TypedParam[];
}

/** Progress of the domain's current job (JobStatsFlags.COMPLETED for the last finished one). */
export async function getJobStats(c: RpcCaller, dom: Dom, flags = 0): Promise<JobStats> {
  return c.call(P.DOMAIN_GET_JOB_STATS, { dom, flags });
}

/** Cancels the domain's current job (e.g. a migration). */
export async function abortJob(c: RpcCaller, dom: Dom): Promise<void> {
  await c.call(P.DOMAIN_ABORT_JOB, { dom });
}
