/**
 * The download core, shared by the app (a channel to the renderer) and the CLI (a local file):
 * a sparse download stream, so the daemon's holes (it asks the file with SEEK_DATA/SEEK_HOLE,
 * virFileInData) cross the link as a few bytes each; the sink decides what a hole becomes
 * (a seek in a local file, zeros for a browser).
 */
import { api, type StreamCaller } from '../../../libvirt/index.js';
import { ProgressMeter, type ProgressListener } from './progress.js';
import { findPool, findVolume } from '../find.js';
import { cancelled } from './upload.js';

export interface DownloadSink {
  /** Bytes at the current offset; resolve when they may be followed (backpressure). */
  data(bytes: Uint8Array): Promise<void> | void;
  /** `length` zero bytes at the current offset. */
  hole(length: number): Promise<void> | void;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Told the size (the volume's capacity) before the first byte. */
  onSize?: (bytes: number) => void;
}

export interface DownloadResult {
  pool: string;
  name: string;
  bytes: number;
  holeBytes: number;
}

/** The volume's capacity in bytes (what a download yields). */
export async function volumeSize(c: StreamCaller, pool: string, name: string): Promise<number> {
  const vol = await findVolume(c, await findPool(c, pool), name);
  return Number((await api.getStorageVolumeInfo(c, vol)).capacity);
}

export async function downloadFromVolume(
  c: StreamCaller,
  target: { pool: string; name: string },
  sink: DownloadSink,
  opts: DownloadOptions = {},
): Promise<DownloadResult> {
  const what = `The download of ${target.name}`;
  const vol = await findVolume(c, await findPool(c, target.pool), target.name);
  const size = Number((await api.getStorageVolumeInfo(c, vol)).capacity);
  opts.onSize?.(size);
  if (opts.signal?.aborted) throw cancelled(what);
  const meter = new ProgressMeter(size, opts.onProgress);
  let holeBytes = 0;
  // Breaking out of the loop (cancel, a failing sink) aborts the stream on the daemon.
  for await (const item of await api.downloadVolumeItems(c, vol)) {
    if (opts.signal?.aborted) throw cancelled(what);
    if (item instanceof Uint8Array) {
      await sink.data(item);
      meter.add(item.byteLength);
    } else {
      const n = Number(item.hole);
      await sink.hole(n);
      holeBytes += n;
      meter.add(n);
    }
  }
  meter.flush();
  return { pool: target.pool, name: target.name, bytes: meter.bytes, holeBytes };
}
