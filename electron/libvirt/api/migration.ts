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

/** What each step of a client-managed migration may tell its caller. */
export interface ManagedMigrationHooks {
  /** The transfer (PERFORM3) has been sent to the source: job stats and abortJob work from now on. */
  onPerform?(): void;
  /** A step ended; `name` is libvirt's step name. */
  onStep?(name: 'begin' | 'prepare' | 'perform' | 'finish' | 'confirm'): void;
  /** Aborted before the transfer starts: it never starts, and the steps after it run cancelled. */
  signal?: AbortSignal;
}

/** How a client-managed migration ended. */
export interface ManagedMigrationResult {
  /** The domain on the destination. */
  dom: Dom;
  /** An error from the source's CONFIRM3 after the destination already runs the domain (it did move). */
  confirmError?: unknown;
}

/**
 * Migrates `dom` from the daemon behind `src` to the one behind `dst`, with
 * the client relaying between them (libvirt's version-3 protocol with
 * typed parameters, as virsh does without --p2p): BEGIN3 on the source,
 * PREPARE3 on the destination, PERFORM3 on the source, FINISH3 on the
 * destination, CONFIRM3 on the source. The daemons never talk to each other
 * except for QEMU's own streams, so they need no credentials for each other.
 *
 * A failing step does not leave the domain in limbo: FINISH3 and CONFIRM3
 * still run with `cancelled` set, so the destination drops its incoming
 * domain and the source keeps (or resumes) its own; then the first error is
 * thrown. With MigrateFlags.OFFLINE the PERFORM3 step is skipped, as libvirt does.
 * CHANGE_PROTECTION is added to the source's steps so nobody changes the
 * domain's definition half-way.
 */
export async function migrateDomainManaged(
  src: RpcCaller,
  dst: RpcCaller,
  dom: Dom,
  params: MigrateParams = {},
  flags: number = MigrateFlags.LIVE,
  hooks: ManagedMigrationHooks = {},
): Promise<ManagedMigrationResult> {
  if (flags & (MigrateFlags.PEER2PEER | MigrateFlags.TUNNELLED)) {
    throw new TypeError('migrateDomainManaged: PEER2PEER and TUNNELLED are for migrateDomainP2P');
  }
  const offline = (flags & MigrateFlags.OFFLINE) !== 0;
  const srcFlags = offline ? flags : flags | MigrateFlags.CHANGE_PROTECTION;
  const base = buildMigrateParams(params);
  const begun = await src.call(P.DOMAIN_MIGRATE_BEGIN3_PARAMS, { dom, params: base, flags: srcFlags });
  hooks.onStep?.('begin');

  const prepareParams = withString(base, MigrateParam.DEST_XML, params.destinationXml ?? begun.xml);
  const prepared = await dst.call(P.DOMAIN_MIGRATE_PREPARE3_PARAMS, { params: prepareParams, cookieIn: begun.cookieOut, flags });
  hooks.onStep?.('prepare');

  // libvirt's own client carries the same list on (destination XML included), adding the stream's URI
  let performParams = prepareParams;
  if (params.migrateUri === undefined && prepared.uriOut !== null)
    performParams = withString(prepareParams, MigrateParam.URI, prepared.uriOut);
  let failure: unknown;
  let cookie: Uint8Array = prepared.cookieOut;
  if (!offline) {
    if (hooks.signal?.aborted) {
      failure = new Error('the migration was cancelled before the transfer started');
    } else if (params.migrateUri === undefined && prepared.uriOut === null) {
      failure = new Error('the destination did not say where to send the migration stream (PREPARE3 gave no uri_out)');
    } else {
      try {
        const call = src.call(P.DOMAIN_MIGRATE_PERFORM3_PARAMS, {
          dom,
          dconnuri: null,
          params: performParams,
          cookieIn: prepared.cookieOut,
          flags: srcFlags,
        });
        hooks.onPerform?.();
        cookie = (await call).cookieOut;
        hooks.onStep?.('perform');
      } catch (e) {
        failure = e;
        cookie = new Uint8Array(0);
      }
    }
  }

  const finishParams = withString(performParams, MigrateParam.DEST_NAME, params.destinationName ?? dom.name);
  let moved: Dom | null = null;
  let finishCookie: Uint8Array = new Uint8Array(0);
  try {
    const finished = await dst.call(P.DOMAIN_MIGRATE_FINISH3_PARAMS, {
      params: finishParams,
      cookieIn: cookie,
      flags,
      cancelled: failure !== undefined,
    });
    if (failure === undefined) {
      moved = finished.dom;
      finishCookie = finished.cookieOut;
    }
    hooks.onStep?.('finish');
  } catch (e) {
    failure ??= e;
  }

  let confirmError: unknown;
  try {
    await src.call(P.DOMAIN_MIGRATE_CONFIRM3_PARAMS, {
      dom,
      params: performParams,
      cookieIn: finishCookie,
      flags: srcFlags,
      cancelled: moved === null,
    });
    hooks.onStep?.('confirm');
  } catch (e) {
    confirmError = e;
  }
  if (moved === null) throw failure ?? confirmError ?? new Error('migration failed');
  return confirmError === undefined ? { dom: moved } : { dom: moved, confirmError };
}

/** `params` with `field` set to `value` (replacing an earlier value). */
function withString(params: TypedParam[], field: string, value: string): TypedParam[] {
  return [...params.filter((p) => p.field !== field), { field, type: TypedParamType.STRING, value }];
}

/** Caps the running migration's final pause, in milliseconds. */
export async function setMigrationMaxDowntime(c: RpcCaller, dom: Dom, ms: number): Promise<void> {
  await c.call(P.DOMAIN_MIGRATE_SET_MAX_DOWNTIME, { dom, downtime: toU64(ms, 'downtime'), flags: 0 });
}

/** Caps the running migration's bandwidth, in MiB/s. */
export async function setMigrationMaxSpeed(c: RpcCaller, dom: Dom, mibps: number): Promise<void> {
  await c.call(P.DOMAIN_MIGRATE_SET_MAX_SPEED, { dom, bandwidth: toU64(mibps, 'bandwidth'), flags: 0 });
}

/** Switches a migration started with MigrateFlags.POSTCOPY to post-copy. */
export async function startPostCopy(c: RpcCaller, dom: Dom): Promise<void> {
  await c.call(P.DOMAIN_MIGRATE_START_POST_COPY, { dom, flags: 0 });
}
