/**
 * Live migration of a running machine. By default NovaCron drives it over its
 * own two connections (libvirt's client-managed protocol: the daemons need
 * no credentials for each other); peer-to-peer on request. While the
 * transfer runs the source's job statistics are polled for the job's figures,
 * the maximum downtime is applied once the job exists, a cancel becomes
 * libvirt's abortJob, and losing the target aborts the job too, so the
 * machine keeps running on the source and the error says why.
 */
import type { MigrationOptions } from '../../../shared/contract/migration.js';
import { api, JobStatsFlags, JobType, paramsToRecord, uuidToString, type Dom } from '../../libvirt/index.js';
import { AppError, fromLibvirtLayer } from '../errors.js';
import type { JobControl } from '../jobs/jobs.js';
import type { MigrationEnds } from './ends.js';
import type { PlanFacts } from './plan.js';
import { liveMigrationFlags, liveMigrationParams } from './options.js';
import { readMigrationProgress } from './progress.js';

const POLL_MS = 500;
/** The finished job's statistics, left in place for others (virsh domjobinfo --completed) to read too. */
const COMPLETED_KEPT = JobStatsFlags.COMPLETED | JobStatsFlags.KEEP_COMPLETED;

export interface LiveResult {
  /** The machine on the target. */
  dom: Dom;
  /** The machine moved, but the source's last step (CONFIRM3) failed: what it said. */
  warning: string | null;
  downtimeMs: number | null;
  elapsedMs: number | null;
}

/** The URI the source daemon dials for peer-to-peer: the target's, without NovaCron's client-side parameters. */
export function peerUri(uri: string): string {
  const q = uri.indexOf('?');
  return q < 0 ? uri : uri.slice(0, q);
}

/** What can be asked of a migration while it transfers (the source's job must exist). */
export interface LiveHandle {
  startPostCopy(): Promise<void>;
}

export async function runLiveMigration(
  ends: MigrationEnds,
  facts: PlanFacts,
  o: MigrationOptions,
  ctl: JobControl,
  onHandle: (h: LiveHandle | null) => void = () => undefined,
): Promise<LiveResult> {
  const src = ends.source.client;
  const dst = ends.target.client;
  const { dom } = facts;
  const m = { running: true, persistent: facts.persistent, copyDisks: facts.copies.map((c) => c.target) };
  const flags = liveMigrationFlags(o, m);
  const params = liveMigrationParams(o, m);
  let why: string | null = null; // set when NovaCron itself aborted the job
  let performing = false;
  let finished = false;
  let postcopy = false;
  let lastDetail: Record<string, number | string | boolean | null> = {};
  const abort = async (reason: string) => {
    if (why !== null || finished) return;
    why = reason;
    if (performing) await api.abortJob(src, dom).catch(() => undefined);
  };
  const onCancel = () => void abort('cancelled');
  ctl.signal.addEventListener('abort', onCancel);
  const stopWatch = ends.watchTargetLoss((w) => void abort(`lost the connection to ${ends.target.name} (${w})`));

  // The poller's sleep ends early when the migration does, so nothing waits on it.
  let wake: () => void = () => undefined;
  const nap = () => new Promise<void>((r) => ((wake = r), setTimeout(r, POLL_MS)));
  const poll = async () => {
    let downtimeSet = o.maxDowntimeMs === undefined;
    while (!finished) {
      await nap();
      if (finished || !performing) continue;
      if (!downtimeSet) {
        // Only a running migration job takes it; until the job exists the daemon refuses.
        downtimeSet = await api.setMigrationMaxDowntime(src, dom, o.maxDowntimeMs!).then(
          () => true,
          () => false,
        );
      }
      const stats = await api.getJobStats(src, dom).catch(() => null);
      if (!stats || finished || (stats.type !== JobType.BOUNDED && stats.type !== JobType.UNBOUNDED)) continue;
      const p = readMigrationProgress(paramsToRecord(stats.params), postcopy);
      lastDetail = { ...p.detail, mode: 'live', target: ends.target.name };
      ctl.update({ phase: p.phase, progress: p.progress, detail: lastDetail });
    }
  };

  ctl.update({
    phase: `preparing ${ends.target.name} to receive ${dom.name}`,
    progress: 0,
    detail: { mode: 'live', target: ends.target.name },
  });
  onHandle({
    startPostCopy: async () => {
      if (!o.postcopy) throw new AppError('operation-invalid', 'This migration was started without post-copy allowed.');
      if (!performing) throw new AppError('operation-invalid', 'The transfer has not started yet.');
      await api.startPostCopy(src, dom);
      postcopy = true;
    },
  });
  const poller = poll();
  let moved: Dom;
  let warning: string | null = null;
  try {
    if (o.p2p) {
      performing = true;
      await api.migrateDomainP2P(src, dom, peerUri(ends.target.uri), params, flags);
      moved = await api.lookupDomainByUuid(dst, uuidToString(dom.uuid));
    } else {
      const r = await api.migrateDomainManaged(src, dst, dom, params, flags, {
        onPerform: () => {
          performing = true;
          if (why !== null) void api.abortJob(src, dom).catch(() => undefined);
        },
        signal: ctl.signal,
      });
      moved = r.dom;
      if (r.confirmError !== undefined) {
        const m = r.confirmError instanceof Error ? r.confirmError.message : String(r.confirmError);
        warning = `${dom.name} runs on ${ends.target.name}, but ${ends.source.name} failed to finish its side: ${m}`;
      }
    }
  } catch (e) {
    throw explainFailure(e, why, dom.name, ends);
  } finally {
    finished = true;
    wake();
    stopWatch();
    ctl.signal.removeEventListener('abort', onCancel);
    onHandle(null);
    await poller;
  }
  // The target keeps the finished job's statistics (the source may have undefined the machine).
  const done =
    (await api.getJobStats(dst, moved, COMPLETED_KEPT).catch(() => null)) ??
    (await api.getJobStats(src, dom, COMPLETED_KEPT).catch(() => null));
  const rec = done ? paramsToRecord(done.params) : {};
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
  const downtimeMs = num(rec.downtime) ?? null;
  const elapsedMs = num(rec.time_elapsed) ?? null;
  // The finished job's own figures replace the last in-flight sample (which says nothing after a post-copy switch).
  const final = done ? readMigrationProgress(rec).detail : lastDetail;
  delete final.expectedDowntimeMs;
  ctl.update({
    phase: `running on ${ends.target.name}`,
    progress: 1,
    detail: { ...final, mode: 'live', target: ends.target.name, downtimeMs, elapsedMs },
  });
  return { dom: moved, downtimeMs, elapsedMs, warning };
}

/** The error a user reads: what went wrong and that the machine still runs on the source. */
function explainFailure(e: unknown, why: string | null, name: string, ends: MigrationEnds): AppError {
  const stays = `"${name}" keeps running on ${ends.source.name}.`;
  if (why === 'cancelled') return new AppError('operation-invalid', `The migration of "${name}" was cancelled; ${stays}`);
  if (why !== null) return new AppError('unreachable', `The migration of "${name}" stopped: NovaCron ${why}. ${stays}`);
  if (e instanceof AppError) return new AppError(e.code, `${e.message} ${stays}`, e.extra);
  const mapped = fromLibvirtLayer(e);
  if (!mapped) throw e;
  return new AppError(mapped.code, `The migration of "${name}" failed: ${mapped.message.replace(/\.$/, '')}. ${stays}`, mapped.extra);
}
