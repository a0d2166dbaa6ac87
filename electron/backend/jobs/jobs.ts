/**
 * The backend's registry of long operations. A service's core takes a
 * JobControl (report progress, watch for cancel) and knows nothing of the
 * registry; the feature wraps that core in `jobs.run`, which returns the job
 * at once and keeps it (and its outcome) here, whoever is watching.
 */
import type { Job, JobKind, JobResult, JobStep } from '../../../shared/contract/jobs.js';
import type { AppErrorShape } from '../../../shared/types.js';
import { AppError } from '../errors.js';

/** What a long operation's core sees of its job. */
export interface JobUpdate {
  progress?: number | null;
  phase?: string;
  /** Live figures (replace the previous ones). */
  detail?: JobResult | null;
  /** The parts of the job (replace the previous list). */
  steps?: JobStep[];
}

export interface JobControl {
  /** Progress 0..1 (null: unknown), the phase text, live figures, parts: whatever changed. */
  update(p: JobUpdate): void;
  /** Aborted when someone asked to cancel. */
  readonly signal: AbortSignal;
}

/** A JobControl for callers without a registry (the CLI, tests). */
export function createLocalControl(onUpdate: (p: JobUpdate) => void = () => undefined): JobControl {
  return { update: onUpdate, signal: new AbortController().signal };
}

export interface JobSpec {
  kind: JobKind;
  connectionId: string;
  subject: { uuid: string; name: string };
  title: string;
  /** Whether cancel can do anything; default true. */
  cancellable?: boolean;
  /** Called on cancel besides aborting the signal, e.g. libvirt's abortJob. */
  onCancel?: () => Promise<void> | void;
}

export interface Jobs {
  /** Starts `work` as a job; `done` settles with its outcome (it never goes unhandled). */
  run<R extends JobResult | void>(spec: JobSpec, work: (ctl: JobControl) => Promise<R>): { job: Job; done: Promise<R> };
  list(connectionId?: string): Job[];
  get(id: string): Job | undefined;
  cancel(id: string): Promise<Job>;
}

export interface JobsOptions {
  /** Every change of a job (job.changed). */
  emit(job: Job): void;
  /** How a failure becomes the contract's error shape. */
  toError(e: unknown, kind: JobKind): AppErrorShape;
  /** Finished jobs kept for the list; default 100. */
  keepFinished?: number;
  now?: () => number;
}

interface Entry {
  job: Job;
  abort: AbortController;
  onCancel?: () => Promise<void> | void;
}

export function createJobs(opts: JobsOptions): Jobs {
  const entries = new Map<string, Entry>();
  const now = opts.now ?? Date.now;
  const keep = opts.keepFinished ?? 100;
  let seq = 0;

  function change(e: Entry, patch: Partial<Job>): void {
    e.job = { ...e.job, ...patch };
    opts.emit(e.job);
  }

  function trimFinished(): void {
    const finished = [...entries.values()].filter((e) => e.job.state !== 'running');
    for (const e of finished.slice(0, Math.max(0, finished.length - keep))) entries.delete(e.job.id);
  }

  return {
    run(spec, work) {
      const id = `job-${now().toString(36)}-${(++seq).toString(36)}`;
      const entry: Entry = {
        abort: new AbortController(),
        onCancel: spec.onCancel,
        job: {
          id,
          kind: spec.kind,
          connectionId: spec.connectionId,
          subject: spec.subject,
          title: spec.title,
          progress: null,
          phase: 'starting',
          state: 'running',
          startedAt: now(),
          finishedAt: null,
          cancellable: spec.cancellable ?? true,
          cancelRequested: false,
          result: null,
          detail: null,
          steps: [],
          error: null,
        },
      };
      entries.set(id, entry);
      opts.emit(entry.job);
      const ctl: JobControl = {
        signal: entry.abort.signal,
        update: (p) => {
          if (entry.job.state !== 'running') return;
          const progress =
            p.progress === undefined ? entry.job.progress : p.progress === null ? null : Math.min(1, Math.max(0, p.progress));
          change(entry, {
            progress,
            phase: p.phase ?? entry.job.phase,
            ...(p.detail !== undefined ? { detail: p.detail } : {}),
            ...(p.steps !== undefined ? { steps: p.steps } : {}),
          });
        },
      };
      const done = (async () => {
        try {
          const result = await work(ctl);
          change(entry, { state: 'succeeded', progress: 1, phase: 'done', finishedAt: now(), result: result ?? null });
          return result;
        } catch (e) {
          const cancelled = entry.abort.signal.aborted;
          change(entry, {
            state: cancelled ? 'cancelled' : 'failed',
            phase: cancelled ? 'cancelled' : 'failed',
            finishedAt: now(),
            error: opts.toError(e, spec.kind),
          });
          throw e;
        } finally {
          trimFinished();
        }
      })();
      done.catch(() => undefined);
      return { job: entry.job, done };
    },

    list(connectionId) {
      return [...entries.values()]
        .map((e) => e.job)
        .filter((j) => connectionId === undefined || j.connectionId === connectionId)
        .sort((a, b) => b.startedAt - a.startedAt);
    },

    get: (id) => entries.get(id)?.job,

    async cancel(id) {
      const e = entries.get(id);
      if (!e) throw new AppError('not-found', `There is no job ${id}.`);
      if (e.job.state !== 'running')
        throw new AppError(
          'operation-invalid',
          `The job "${e.job.title}" has already ${e.job.state === 'succeeded' ? 'finished' : e.job.state}.`,
        );
      if (!e.job.cancellable) throw new AppError('unsupported', `The job "${e.job.title}" cannot be cancelled.`);
      change(e, { cancelRequested: true, phase: `${e.job.phase} (cancelling)` });
      e.abort.abort();
      await e.onCancel?.();
      return e.job;
    },
  };
}

/** Throws the cancellation if one was asked for: cores call this between steps. */
export function throwIfCancelled(ctl: JobControl, what: string): void {
  if (ctl.signal.aborted) throw new AppError('operation-invalid', `${what} was cancelled.`);
}
