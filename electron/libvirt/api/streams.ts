/** Helpers for the stream-based calls: reading a stream to its end, chunking writes. */
import type { LibvirtStream } from '../rpc/types.js';

/** Largest chunk we send: the daemon reads streams in packets of at most 256 KiB. */
export const STREAM_CHUNK_MAX = 256 * 1024;

/** Aborts a stream after a failure, ignoring a failing abort (the original error matters). */
export async function abortQuietly(stream: LibvirtStream): Promise<void> {
  try {
    await stream.abort();
  } catch {
    // the stream may already be dead (server error, connection lost)
  }
}

/** Reads a server-to-client stream to EOF, then finishes it; aborts on failure. */
export async function readAll(stream: LibvirtStream): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      parts.push(chunk);
      total += chunk.byteLength;
    }
  } catch (e) {
    await abortQuietly(stream);
    throw e;
  }
  await stream.finish();
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Writes one source chunk as packets of at most STREAM_CHUNK_MAX bytes. */
export async function writeChunked(stream: LibvirtStream, chunk: Uint8Array): Promise<void> {
  for (let at = 0; at < chunk.byteLength; at += STREAM_CHUNK_MAX) {
    await stream.write(chunk.subarray(at, Math.min(at + STREAM_CHUNK_MAX, chunk.byteLength)));
  }
}
