/**
 * Sends a File's bytes into a volume over the 'volume.upload' channel (protocol in
 * shared/contract/volume-transfer.ts): slices read one frame at a time (the file is never held
 * in memory whole), and at most the backend's window sent but not acked, so a slow host
 * slows the reading here instead of filling buffers on the way.
 */
import { invoke } from '../../../api';
import { openChannel } from '../../../api/channels';
import { ApiError } from '../../../api/errors';
import { RateMeter, type Progress } from './rate';

export interface UploadRequest {
  connectionId: string;
  pool: string;
  name: string;
  overwrite: boolean;
}

export interface UploadHandle {
  /** Resolves once the host confirmed the last byte; rejects with the backend's reason (cancel included). */
  done: Promise<void>;
  /** Cancels through the job (the backend deletes the volume it created, then ends the channel). */
  cancel(): Promise<void>;
  /** Drops the channel without waiting (the view went away): the backend cancels on its own. */
  abandon(): void;
}

const decoder = new TextDecoder();

export async function startUpload(file: Blob, req: UploadRequest, onProgress: (p: Progress) => void): Promise<UploadHandle> {
  const ch = await openChannel('volume.upload', { ...req, size: file.size });
  const { windowBytes, frameBytes, jobId } = ch.info;
  const meter = new RateMeter();
  let acked = 0;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  ch.onData((d) => {
    try {
      const msg = JSON.parse(decoder.decode(d)) as { acked?: unknown };
      if (typeof msg.acked === 'number' && msg.acked > acked) {
        acked = msg.acked;
        onProgress({ done: acked, total: file.size, rate: meter.update(acked) });
        notify();
      }
    } catch {
      // Not an ack: nothing else travels this way.
    }
  });
  const done = new Promise<void>((resolve, reject) => {
    ch.onClose((error) => {
      ended = true;
      notify();
      if (error) reject(new ApiError(error));
      else if (acked < file.size) reject(new ApiError({ code: 'operation-invalid', message: 'The upload was stopped before the end.' }));
      else resolve();
    });
  });
  done.catch(() => undefined);

  const pump = async () => {
    let sent = 0;
    while (sent < file.size && !ended) {
      while (sent - acked + frameBytes > windowBytes && !ended) await new Promise<void>((r) => (wake = r));
      if (ended) return;
      const end = Math.min(sent + frameBytes, file.size);
      const bytes = new Uint8Array(await file.slice(sent, end).arrayBuffer());
      if (ended) return;
      ch.send(bytes);
      sent = end;
    }
  };
  pump().catch(() => ch.close());
  onProgress({ done: 0, total: file.size, rate: 0 });
  return {
    done,
    async cancel() {
      try {
        await invoke('jobs.cancel', { id: jobId });
      } catch {
        // The job is over already (or the backend is gone): dropping the channel is what is left.
        ch.close();
      }
      await done.catch(() => undefined);
    },
    abandon: () => ch.close(),
  };
}
