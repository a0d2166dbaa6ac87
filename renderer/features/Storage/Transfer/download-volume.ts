/**
 * Receives a volume over the 'volume.download' channel into a Blob and saves it as a file.
 * The chunks are folded into a Blob every few MiB, so the browser may keep the data out of the
 * JavaScript heap (Chromium pages large blobs to disk). In Electron a native save dialog
 * streaming to disk would avoid holding the file at all: not done yet.
 */
import { invoke } from '../../../api';
import { openChannel } from '../../../api/channels';
import { ApiError } from '../../../api/errors';
import { RateMeter, type Progress } from './rate';

export interface DownloadHandle {
  size: number;
  done: Promise<Blob>;
  cancel(): Promise<void>;
  abandon(): void;
}

const FOLD_BYTES = 16 * 1024 * 1024;

export async function startDownload(
  req: { connectionId: string; pool: string; name: string },
  onProgress: (p: Progress) => void,
): Promise<DownloadHandle> {
  const ch = await openChannel('volume.download', req);
  const { size, jobId } = ch.info;
  const meter = new RateMeter();
  let folded: Blob = new Blob([]);
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let pendingBytes = 0;
  let received = 0;
  let lastReport = 0;
  const fold = () => {
    folded = new Blob([folded, ...pending]);
    pending = [];
    pendingBytes = 0;
  };
  ch.onData((d) => {
    pending.push(d as Uint8Array<ArrayBuffer>);
    pendingBytes += d.byteLength;
    received += d.byteLength;
    if (pendingBytes >= FOLD_BYTES) fold();
    const now = performance.now();
    if (now - lastReport > 100 || received === size) {
      lastReport = now;
      onProgress({ done: received, total: size, rate: meter.update(received, now) });
    }
  });
  const done = new Promise<Blob>((resolve, reject) => {
    ch.onClose((error) => {
      if (error) return reject(new ApiError(error));
      if (received !== size) {
        return reject(new ApiError({ code: 'internal', message: `The download ended after ${received} of ${size} bytes.` }));
      }
      fold();
      resolve(folded);
    });
  });
  done.catch(() => undefined);
  onProgress({ done: 0, total: size, rate: 0 });
  return {
    size,
    done,
    async cancel() {
      try {
        await invoke('jobs.cancel', { id: jobId });
      } catch {
        ch.close();
      }
      await done.catch(() => undefined);
    },
    abandon: () => ch.close(),
  };
}

/** Hands a Blob to the browser as a file download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has its own reference by now; the URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
