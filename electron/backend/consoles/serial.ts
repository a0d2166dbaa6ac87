/**
 * The serial console channel: libvirt's console stream (virDomainOpenConsole)
 * of a running machine, guest output to the client, keystrokes to the guest.
 * libvirt lets one session hold a console; a second one fails unless it
 * forces, which disconnects the first. That refusal becomes 'conflict' with
 * a message saying so, so the UI can offer to take over.
 */
import { api, ConsoleFlags, ErrorCode as VirErr, LibvirtError, type LibvirtConnection } from '../../libvirt/index.js';
import type { AppErrorShape } from '../../../shared/types.js';
import { AppError, toAppErrorShape } from '../errors.js';
import type { Logger } from '../log.js';
import { findDomain } from '../vms/common.js';
import type { ChannelSink, OpenedChannel } from '../channels/types.js';

/** Keystrokes (or a paste) queued for the guest before the channel is cut off as flooding. */
export const MAX_PENDING_INPUT_BYTES = 1024 * 1024;

/**
 * libvirt says "operation failed: Active console session exists for this domain" (VIR_ERR_OPERATION_FAILED,
 * a code shared with much else): only the text tells this refusal apart, so it is matched here, narrowly.
 */
export function isConsoleBusy(e: unknown): boolean {
  return (
    e instanceof LibvirtError &&
    e.code === VirErr.OPERATION_FAILED &&
    /console/i.test(e.message) &&
    /(session exists|in use|busy|already)/i.test(e.message)
  );
}

export interface SerialOpenInput {
  connectionId: string;
  uuid: string;
  devName?: string | undefined;
  force: boolean;
}

export async function openSerial(
  conn: LibvirtConnection,
  input: SerialOpenInput,
  sink: ChannelSink,
  log: Logger,
): Promise<OpenedChannel<'console.serial'>> {
  const dom = await findDomain(conn, input.uuid);
  if (!(await api.isDomainActive(conn, dom))) {
    throw new AppError('operation-invalid', `"${dom.name}" is not running: its serial console opens once it runs.`);
  }
  let stream;
  try {
    stream = await api.openConsole(conn, dom, input.devName ?? null, input.force ? ConsoleFlags.FORCE : 0);
  } catch (e) {
    if (isConsoleBusy(e)) {
      throw new AppError(
        'conflict',
        `The serial console of "${dom.name}" is in use by another session (virsh console, virt-manager, or NovaCron elsewhere). Take it over to disconnect that session.`,
        e instanceof LibvirtError ? { libvirt: { code: e.code, domain: e.domain } } : {},
      );
    }
    throw e;
  }

  let closedByClient = false;
  let paused = true;
  let wake: (() => void) | null = null;
  let pending = 0;
  let writes: Promise<void> = Promise.resolve();
  let ended = false;
  const end = (error?: AppErrorShape) => {
    if (ended) return;
    ended = true;
    sink.end(error);
  };

  const pump = async () => {
    try {
      for await (const chunk of stream) {
        if (closedByClient) break;
        sink.data(chunk);
        while (paused && !closedByClient) await new Promise<void>((r) => (wake = r));
      }
      if (!closedByClient) end();
    } catch (e) {
      if (closedByClient) return;
      const shape = toAppErrorShape(e, log, 'console.serial');
      // The daemon ends a session another one forced out with a bare stream error: say what it likely means.
      if (e instanceof LibvirtError) {
        shape.message = `The host closed the console: another session may have taken it over, or the machine stopped (${e.message}).`;
      }
      end(shape);
    }
  };
  // Starts paused (see BackendChannel): the first resume() lets the pump read.
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    void pump();
  };

  return {
    info: { name: dom.name, forced: input.force },
    channel: {
      write(bytes) {
        if (closedByClient || ended) return;
        pending += bytes.byteLength;
        if (pending > MAX_PENDING_INPUT_BYTES) {
          end({ code: 'invalid-input', message: 'Too much input queued for the serial console; the console was closed.' });
          void stream.abort().catch(() => {});
          return;
        }
        const copy = Uint8Array.from(bytes);
        writes = writes
          .then(() => stream.write(copy))
          .catch((e: unknown) => {
            if (!closedByClient) end(toAppErrorShape(e, log, 'console.serial write'));
          })
          .finally(() => (pending -= copy.byteLength));
      },
      pause() {
        paused = true;
      },
      resume() {
        paused = false;
        start();
        wake?.();
        wake = null;
      },
      close() {
        closedByClient = true;
        wake?.();
        wake = null;
        void stream.abort().catch(() => {});
      },
    },
  };
}
