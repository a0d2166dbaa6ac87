/** Volume upload and download over libvirt streams. */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { Vol } from '../protocol/common.js';
import type { LibvirtStream, StreamCaller } from '../rpc/types.js';
import * as P from '../protocol/storage-vol.js';
import { abortQuietly, writeChunked } from './streams.js';
import { toU64 } from './util.js';

export interface TransferRange {
  /** Byte offset in the volume. */
  offset?: number | bigint;
  /** Bytes to transfer; 0 = up to the end of the volume. */
  length?: number | bigint;
  /** VolUploadFlags / VolDownloadFlags. SPARSE_STREAM is not supported by this client. */
  flags?: number;
}

function transferArgs(vol: Vol, r: TransferRange) {
  if ((r.flags ?? 0) & 1) throw new RangeError('sparse streams are not supported');
  return { vol, offset: toU64(r.offset ?? 0, 'offset'), length: toU64(r.length ?? 0, 'length'), flags: r.flags ?? 0 };
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  throw new TypeError(`upload source gave a ${typeof chunk}, not bytes`);
}

/**
 * Writes `source` into the volume at `offset`, in packets of at most 256 KiB,
 * then finishes the stream (the daemon confirms once the data is written).
 * On any failure the stream is aborted and the error rethrown.
 */
export async function uploadVolume(
  c: StreamCaller,
  vol: Vol,
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array> | Readable,
  range: TransferRange = {},
): Promise<void> {
  const { stream } = await c.openStream(P.STORAGE_VOL_UPLOAD, transferArgs(vol, range));
  try {
    for await (const chunk of source as AsyncIterable<unknown> | Iterable<unknown>) {
      const bytes = toBytes(chunk);
      if (bytes.byteLength > 0) await writeChunked(stream, bytes);
    }
  } catch (e) {
    await abortQuietly(stream);
    throw e;
  }
  await stream.finish();
}

async function* iterate(stream: LibvirtStream): AsyncGenerator<Uint8Array, void, undefined> {
  let complete = false;
  try {
    for await (const chunk of stream) yield chunk;
    complete = true;
  } finally {
    // The consumer stopped early, or the stream failed: tell the daemon.
    if (!complete) await abortQuietly(stream);
  }
  await stream.finish();
}

/**
 * Starts a download and resolves once the daemon accepted it; the data comes
 * by iterating the result. Stopping early (break) aborts the stream.
 */
export async function downloadVolume(c: StreamCaller, vol: Vol, range: TransferRange = {}): Promise<AsyncIterable<Uint8Array>> {
  const { stream } = await c.openStream(P.STORAGE_VOL_DOWNLOAD, transferArgs(vol, range));
  return iterate(stream);
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
