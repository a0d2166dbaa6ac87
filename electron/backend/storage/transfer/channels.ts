/**
 * The upload and download channels: the renderer's side of the transfer cores, each run as a
 * job (progress, MiB/s and cancel in the activity panel). Closing the channel cancels the job;
 * cancelling the job ends the channel with the reason.
 */
import type { z } from 'zod';
import {
  UPLOAD_FRAME_BYTES,
  UPLOAD_WINDOW_BYTES,
  type DownloadChannelInput,
  type UploadChannelInput,
} from '../../../../shared/contract/volume-transfer.js';
import type { ChannelSink, OpenedChannel } from '../../channels/types.js';
import { AppError, toAppErrorShape } from '../../errors.js';
import type { BackendContext } from '../../feature.js';
import type { JobControl } from '../../jobs/jobs.js';
import { ByteQueue } from './byte-queue.js';
import { downloadFromVolume, volumeSize } from './download.js';
import { formatBytes, formatRate, type TransferProgress } from './progress.js';
import { checkUpload } from './target.js';
import { cancelled, uploadToVolume } from './upload.js';

/** Acks go out at least every this many bytes (and at the end), well inside the window. */
const ACK_EVERY = 1024 * 1024;
const encoder = new TextEncoder();

function report(ctl: JobControl, verb: string, p: TransferProgress): void {
  ctl.update({
    progress: p.total > 0 ? p.done / p.total : null,
    phase: `${verb} ${formatBytes(p.done)} of ${formatBytes(p.total)} · ${formatRate(p.rate)}`,
  });
}

export async function openUploadChannel(
  ctx: BackendContext,
  input: z.output<typeof UploadChannelInput>,
  sink: ChannelSink,
): Promise<OpenedChannel<'volume.upload'>> {
  const c = ctx.hosts.client(input.connectionId);
  // Every refusal (name, empty file, no room, existing volume) comes back as the open's failure, before a byte is sent.
  const check = await checkUpload(c, input);
  if (check.problem) throw new AppError('invalid-input', check.problem);
  if (check.exists && !input.overwrite) {
    throw new AppError(
      'conflict',
      `The pool "${input.pool}" already has a volume "${input.name}"; confirm overwriting it, or pick another name.`,
    );
  }
  let lastAck = 0;
  const queue = new ByteQueue(input.size, UPLOAD_WINDOW_BYTES + 2 * UPLOAD_FRAME_BYTES, (consumed) => {
    if (consumed - lastAck >= ACK_EVERY || consumed === input.size) {
      lastAck = consumed;
      sink.data(encoder.encode(JSON.stringify({ acked: consumed })));
    }
  });
  const changed = () => ctx.bus.emit('storage.changed', { connectionId: input.connectionId, pool: input.pool });
  const { job, done } = ctx.jobs.run(
    {
      kind: 'volume-upload',
      connectionId: input.connectionId,
      subject: { uuid: `${input.pool}/${input.name}`, name: input.name },
      title: `Upload ${input.name} into ${input.pool} (${formatBytes(input.size)})`,
    },
    async (ctl) => {
      ctl.signal.addEventListener('abort', () => queue.fail(cancelled(`The upload of ${input.name}`)), { once: true });
      ctl.update({ phase: 'starting the upload', progress: 0 });
      const r = await uploadToVolume(c, { ...input, overwrite: input.overwrite }, queue, {
        signal: ctl.signal,
        onProgress: (p) => report(ctl, 'uploaded', p),
        onTarget: () => changed(),
      });
      return { pool: r.pool, name: r.name, bytes: r.bytes, sparse: r.sparse, created: r.created };
    },
  );
  let closedByClient = false;
  done.then(
    () => {
      changed();
      // Other sessions' uploads make the daemon rebuild the pool's list too; a lookup in that
      // window misses the new volume. A second word a little later lets views read it again.
      setTimeout(changed, 2000).unref?.();
      sink.end();
    },
    (e: unknown) => {
      changed();
      if (!closedByClient) sink.end(toAppErrorShape(e, ctx.log, 'volume.upload'));
    },
  );
  return {
    info: { jobId: job.id, created: !check.exists, windowBytes: UPLOAD_WINDOW_BYTES, frameBytes: UPLOAD_FRAME_BYTES },
    channel: {
      write(bytes) {
        const problem = queue.push(bytes);
        if (problem) {
          queue.fail(new AppError('invalid-input', `The upload was stopped: the client sent ${problem}.`));
        }
      },
      // Acks are a few bytes: nothing to hold back when the client's link is slow.
      pause() {},
      resume() {},
      close() {
        closedByClient = true;
        queue.fail(cancelled(`The upload of ${input.name}`));
        void ctx.jobs.cancel(job.id).catch(() => undefined);
      },
    },
  };
}

export async function openDownloadChannel(
  ctx: BackendContext,
  input: z.output<typeof DownloadChannelInput>,
  sink: ChannelSink,
): Promise<OpenedChannel<'volume.download'>> {
  const c = ctx.hosts.client(input.connectionId);
  const size = await volumeSize(c, input.pool, input.name);
  let paused = true;
  let closedByClient = false;
  let wake: (() => void) | null = null;
  let started!: () => void;
  const start = new Promise<void>((r) => (started = r));
  const waitWhilePaused = async () => {
    while (paused && !closedByClient) await new Promise<void>((r) => (wake = r));
  };
  const { job, done } = ctx.jobs.run(
    {
      kind: 'volume-download',
      connectionId: input.connectionId,
      subject: { uuid: `${input.pool}/${input.name}`, name: input.name },
      title: `Download ${input.name} from ${input.pool} (${formatBytes(size)})`,
    },
    async (ctl) => {
      // The table resumes the channel once the client knows its id: no data before that.
      await start;
      const r = await downloadFromVolume(
        c,
        input,
        {
          async data(bytes) {
            await waitWhilePaused();
            if (!closedByClient) sink.data(bytes);
          },
          async hole(n) {
            // A browser file has no holes: zeros, in bounded frames.
            for (let left = n; left > 0 && !closedByClient; left -= UPLOAD_FRAME_BYTES) {
              await waitWhilePaused();
              sink.data(new Uint8Array(Math.min(left, UPLOAD_FRAME_BYTES)));
            }
          },
        },
        { signal: ctl.signal, onProgress: (p) => report(ctl, 'downloaded', p) },
      );
      if (closedByClient) throw cancelled(`The download of ${input.name}`);
      return { pool: r.pool, name: r.name, bytes: r.bytes };
    },
  );
  done.then(
    () => sink.end(),
    (e: unknown) => {
      if (!closedByClient) sink.end(toAppErrorShape(e, ctx.log, 'volume.download'));
    },
  );
  return {
    info: { jobId: job.id, size },
    channel: {
      write() {
        // A download carries nothing from the client.
      },
      pause() {
        paused = true;
      },
      resume() {
        paused = false;
        started();
        wake?.();
        wake = null;
      },
      close() {
        closedByClient = true;
        started();
        wake?.();
        wake = null;
        void ctx.jobs.cancel(job.id).catch(() => undefined);
      },
    },
  };
}
