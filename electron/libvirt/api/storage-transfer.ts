/**
 * Volume upload and download over libvirt streams, optionally sparse.
 *
 * Sparse (flags SPARSE_STREAM = 1): holes travel as STREAM_HOLE packets instead of zeros. The
 * daemon accepts a hole only on a stream opened with that flag, and closes the whole client
 * otherwise (daemon/stream.c, daemonStreamHandleHole), so the flag and the stream's `holes`
 * option always go together here.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { Vol } from '../protocol/common.js';
import type { LibvirtStream, StreamCaller, StreamItem } from '../rpc/types.js';
import * as P from '../protocol/storage-vol.js';
import { abortQuietly, writeChunked } from './streams.js';
import { toU64 } from './util.js';

/** VolUploadFlags.SPARSE_STREAM and VolDownloadFlags.SPARSE_STREAM (the same bit). */
const SPARSE = 1;

export interface TransferRange {
  /** Byte offset in the volume. */
  offset?: number | bigint;
  /** Bytes to transfer; 0 = up to the end of the volume. */
  length?: number | bigint;
  /** VolUploadFlags / VolDownloadFlags (SPARSE_STREAM: holes may travel). */
  flags?: number;
}

function transferArgs(vol: Vol, r: TransferRange) {
  return { vol, offset: toU64(r.offset ?? 0, 'offset'), length: toU64(r.length ?? 0, 'length'), flags: r.flags ?? 0 };
}

function toItem(chunk: unknown): StreamItem {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (typeof chunk === 'object' && chunk !== null && typeof (chunk as { hole?: unknown }).hole === 'bigint') return chunk as StreamItem;
  throw new TypeError(`upload source gave a ${typeof chunk}, not bytes`);
}

export type UploadSource = AsyncIterable<StreamItem | string> | Iterable<StreamItem> | Readable;

/**
 * Writes `source` into the volume at `offset`, in packets of at most 256 KiB,
 * then finishes the stream (the daemon confirms once the data is written).
 * A source item `{hole: n}` sends a hole: only with flags SPARSE_STREAM.
 * On any failure the stream is aborted and the error rethrown.
 */
export async function uploadVolume(c: StreamCaller, vol: Vol, source: UploadSource, range: TransferRange = {}): Promise<void> {
  const sparse = ((range.flags ?? 0) & SPARSE) !== 0;
  const { stream } = await c.openStream(P.STORAGE_VOL_UPLOAD, transferArgs(vol, range), { holes: sparse });
  try {
    for await (const chunk of source as AsyncIterable<unknown> | Iterable<unknown>) {
      const item = toItem(chunk);
      if (item instanceof Uint8Array) {
        if (item.byteLength > 0) await writeChunked(stream, item);
      } else {
        if (!sparse) throw new TypeError('a hole in the upload source needs flags SPARSE_STREAM');
        await stream.sendHole(item.hole);
      }
    }
  } catch (e) {
    await abortQuietly(stream);
    throw e;
  }
  await stream.finish();
}

async function* iterate<T>(stream: LibvirtStream, source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  let complete = false;
  try {
    for await (const chunk of source) yield chunk;
    complete = true;
  } finally {
    // The consumer stopped early, or the stream failed: tell the daemon.
    if (!complete) await abortQuietly(stream);
  }
  await stream.finish();
}

/**
 * Starts a download and resolves once the daemon accepted it; the data comes
 * by iterating the result. Stopping early (break) aborts the stream. With
 * flags SPARSE_STREAM, holes arrive expanded into zeros; use
 * downloadVolumeItems to get them as holes.
 */
export async function downloadVolume(c: StreamCaller, vol: Vol, range: TransferRange = {}): Promise<AsyncIterable<Uint8Array>> {
  const sparse = ((range.flags ?? 0) & SPARSE) !== 0;
  const { stream } = await c.openStream(P.STORAGE_VOL_DOWNLOAD, transferArgs(vol, range), { holes: sparse });
  return iterate(stream, stream);
}

/** A sparse download (SPARSE_STREAM is set for you): data chunks and `{hole: bytes}` items as the daemon sends them. */
export async function downloadVolumeItems(c: StreamCaller, vol: Vol, range: TransferRange = {}): Promise<AsyncIterable<StreamItem>> {
  const { stream } = await c.openStream(P.STORAGE_VOL_DOWNLOAD, transferArgs(vol, { ...range, flags: (range.flags ?? 0) | SPARSE }), {
    holes: true,
  });
  return iterate(stream, stream.items());
}

/** Downloads into a Writable (respecting its backpressure); resolves with the byte count. Does not end `dest`. */
export async function downloadVolumeTo(c: StreamCaller, vol: Vol, dest: Writable, range: TransferRange = {}): Promise<number> {
  let total = 0;
  for await (const chunk of await downloadVolume(c, vol, range)) {
    total += chunk.byteLength;
    if (!dest.write(chunk)) await once(dest, 'drain');
  }
  return total;
}
