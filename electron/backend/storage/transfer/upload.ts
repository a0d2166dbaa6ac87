/**
 * The upload core, shared by the app (a channel of the renderer's bytes, in a job) and the CLI
 * (a local file): the preflight, the volume created for the file unless it exists, libvirt's
 * upload stream (sparse into a fresh volume), and the rollback.
 *
 * Sparse only into a volume created for this upload: on a regular file the daemon turns a hole
 * into lseek + ftruncate (virFDStreamThreadDoWrite in src/util/virfdstream.c), which leaves the
 * old bytes of an existing volume in place where the file has zeros. A fresh volume has none.
 */
import {
  api,
  ErrorCode,
  LibvirtError,
  VolUploadFlags,
  type EventSubscriber,
  type Pool,
  type StreamCaller,
  type StreamItem,
  type Vol,
} from '../../../libvirt/index.js';
import { AppError } from '../../errors.js';
import { deleteCreatedVolume, type CleanupOptions } from './cleanup.js';
import { splitHoles } from './holes.js';
import { formatBytes, ProgressMeter, type ProgressListener } from './progress.js';
import { lookupVolume } from '../find.js';
import { checkUpload, createUploadVolume, type UploadTarget } from './target.js';

export interface UploadSpec extends UploadTarget {
  /** Write into an existing volume of that name (else one is refused as a conflict). */
  overwrite?: boolean;
  /** Send zero runs as holes where it is safe (a fresh volume); default true. */
  sparse?: boolean;
}

export interface UploadOptions extends CleanupOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Told once the volume exists (created or found), before any byte is sent. */
  onTarget?: (t: { vol: Vol; created: boolean }) => void;
}

export interface UploadResult {
  pool: string;
  name: string;
  key: string;
  bytes: number;
  created: boolean;
  sparse: boolean;
  /** Bytes that travelled as holes rather than data. */
  holeBytes: number;
}

/** What a cancelled transfer throws (the job registry then marks it cancelled). */
export function cancelled(what: string): AppError {
  return new AppError('operation-invalid', `${what} was cancelled.`);
}

/** Counts bytes (data and holes) on their way to the stream, stops at `size`, and honours cancel. */
async function* metered(
  source: AsyncIterable<StreamItem>,
  size: number,
  meter: ProgressMeter,
  counts: { holes: number },
  signal: AbortSignal | undefined,
  what: string,
  onAllSent: () => void = () => undefined,
): AsyncGenerator<StreamItem, void, undefined> {
  for await (const item of source) {
    if (signal?.aborted) throw cancelled(what);
    const n = item instanceof Uint8Array ? item.byteLength : Number(item.hole);
    if (meter.bytes + n > size) throw new AppError('invalid-input', `The source gave more than the ${size} bytes announced.`);
    // Counted before the write: a write resolves when the transport took it, the meter then moves on.
    yield item;
    if (!(item instanceof Uint8Array)) counts.holes += n;
    meter.add(n);
  }
  if (signal?.aborted) throw cancelled(what);
  if (meter.bytes !== size) {
    throw new AppError('invalid-input', `The source ended after ${meter.bytes} of the ${size} bytes announced.`);
  }
  onAllSent();
}

/** An older daemon refuses the sparse flag as unsupported: the upload then goes without holes. */
function refusesSparse(e: unknown): boolean {
  return e instanceof LibvirtError && (e.code === ErrorCode.INVALID_ARG || e.code === ErrorCode.NO_SUPPORT) && /flag/i.test(e.message);
}

export async function uploadToVolume(
  c: StreamCaller,
  spec: UploadSpec,
  source: AsyncIterable<Uint8Array>,
  opts: UploadOptions = {},
): Promise<UploadResult> {
  const what = `The upload of ${spec.name}`;
  const check = await checkUpload(c, spec);
  if (check.problem) throw new AppError('invalid-input', check.problem);
  if (check.vol && !spec.overwrite) {
    throw new AppError(
      'conflict',
      `The pool "${spec.pool}" already has a volume "${spec.name}"; confirm overwriting it, or pick another name.`,
    );
  }
  if (opts.signal?.aborted) throw cancelled(what);
  const created = check.vol === null;
  const vol = check.vol ?? (await createUploadVolume(c, check.poolRef, spec.name, spec.size));
  opts.onTarget?.({ vol, created });
  let sparse = created && spec.sparse !== false;
  const meter = new ProgressMeter(spec.size, opts.onProgress);
  const counts = { holes: 0 };
  const refreshed = await watchPoolRefresh(c, spec.pool);
  try {
    const items = sparse ? splitHoles(source) : source;
    try {
      await api.uploadVolume(c, vol, metered(items, spec.size, meter, counts, opts.signal, what, refreshed.arm), {
        flags: sparse ? VolUploadFlags.SPARSE_STREAM : 0,
      });
    } catch (e) {
      // Refused at the open, before a byte went: the same source can still be used.
      if (!(sparse && meter.bytes === 0 && refusesSparse(e))) throw e;
      sparse = false;
      await api.uploadVolume(c, vol, metered(source, spec.size, meter, counts, opts.signal, what, refreshed.arm));
    }
    meter.flush();
    if (opts.signal?.aborted) throw cancelled(what);
  } catch (e) {
    refreshed.stop();
    throw await rollback(c, vol, created, spec, meter.bytes, e, opts);
  }
  await refreshed.next(REFRESH_WAIT_MS);
  await settle(c, check.poolRef, spec.name);
  return { pool: spec.pool, name: spec.name, key: vol.key, bytes: meter.bytes, created, sparse, holeBytes: counts.holes };
}

/** How long to wait for the daemon's own refresh after an upload (see settle). */
const REFRESH_WAIT_MS = 3000;

interface RefreshWatch {
  /** The last byte is on its way: refresh events from now on count. */
  arm(): void;
  /** Resolves once a refresh event of the pool came after arm() (or after `ms`), then stops watching. */
  next(ms: number): Promise<void>;
  stop(): void;
}

/**
 * Watches the pool's refresh events, where the caller can subscribe (the app's and the CLI's
 * clients can). The daemon's refresh can beat the stream's confirmation, so an event is kept
 * from arm() on, not only while next() waits.
 */
async function watchPoolRefresh(c: StreamCaller, pool: string): Promise<RefreshWatch> {
  const subscriber = c as StreamCaller & Partial<Pick<EventSubscriber, 'onStoragePoolRefresh'>>;
  let armed = false;
  let fired = false;
  let wake: (() => void) | null = null;
  let off: (() => Promise<void> | void) | null = null;
  if (typeof subscriber.onStoragePoolRefresh === 'function') {
    off = await subscriber
      .onStoragePoolRefresh((e) => {
        if (!armed || e.pool.name !== pool) return;
        fired = true;
        wake?.();
      })
      .catch(() => null);
  }
  const stop = () => {
    void Promise.resolve(off?.()).catch(() => undefined);
    off = null;
  };
  return {
    arm: () => void (armed = true),
    async next(ms) {
      if (off && !fired) {
        // The timer is cleared on the event: left running it would keep a CLI process alive for `ms`.
        let timer: ReturnType<typeof setTimeout> | undefined;
        await new Promise<void>((r) => {
          wake = r;
          timer = setTimeout(r, ms);
        });
        clearTimeout(timer);
      }
      stop();
    },
    stop,
  };
}

/**
 * Once the stream is closed the daemon refreshes the whole pool on a thread of its own
 * (virStorageVolPoolRefreshThread in storage_driver.c: it clears the pool's volume list and
 * re-reads it), and the new volume can be missing from lookups meanwhile. The caller (a list
 * in the UI, the next command) should find it: refresh, and wait until it is visible again.
 */
async function settle(c: StreamCaller, pool: Pool, name: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    // The pool's sizes (and a dir pool's idea of the content's format) are stale until refreshed.
    await api.refreshStoragePool(c, pool).catch(() => undefined);
    if ((await lookupVolume(c, pool, name)) || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Deletes the volume made for the upload, or says the existing one is partial now; returns the error to throw. */
async function rollback(
  c: StreamCaller,
  vol: Vol,
  created: boolean,
  spec: UploadSpec,
  sent: number,
  cause: unknown,
  opts: CleanupOptions,
): Promise<unknown> {
  const reason = cause instanceof Error ? cause.message : String(cause);
  if (created) {
    const gone = await deleteCreatedVolume(c, vol, opts);
    // Said in the message, so nobody goes looking for a half-written volume.
    if (gone && cause instanceof AppError) return new AppError(cause.code, `${reason} The new volume "${spec.name}" was deleted again.`);
    if (gone) return cause;
    return new AppError(
      'libvirt',
      `${reason} The volume "${spec.name}" NovaCron created for it could not be deleted and is incomplete: delete it by hand.`,
    );
  }
  return new AppError(
    cause instanceof AppError ? cause.code : 'libvirt',
    `${reason} The existing volume "${spec.name}" is now PARTIAL: about ${formatBytes(sent)} of ${formatBytes(spec.size)} were written over it, so it holds neither its old content nor the file.`,
  );
}
