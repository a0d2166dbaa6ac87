/** Domain calls that open a stream: the text console and screenshots. */
import type { Dom } from '../protocol/common.js';
import type { LibvirtStream, StreamCaller } from '../rpc/types.js';
import * as P from '../protocol/domain-devices.js';
import { readAll } from './streams.js';

/**
 * Opens the guest's console (`devName` null = the first console/serial;
 * ConsoleFlags FORCE takes over another session, SAFE demands exclusivity).
 * Guest output arrives by iterating the stream; keystrokes go out with
 * write(). End it with finish() or abort(). Fails with OPERATION_INVALID on
 * an inactive domain.
 */
export async function openConsole(c: StreamCaller, dom: Dom, devName: string | null = null, flags = 0): Promise<LibvirtStream> {
  const { stream } = await c.openStream(P.DOMAIN_OPEN_CONSOLE, { dom, devName, flags });
  return stream;
}

export interface Screenshot {
  /** e.g. "image/x-portable-pixmap" (QEMU) or "image/png" (test driver); may be empty when the daemon did not say. */
  mime: string;
  data: Uint8Array;
}

/** Takes a screenshot of one screen (head) of a running domain with graphics. */
export async function takeScreenshot(c: StreamCaller, dom: Dom, screen = 0, flags = 0): Promise<Screenshot> {
  const { ret, stream } = await c.openStream(P.DOMAIN_SCREENSHOT, { dom, screen, flags });
  const data = await readAll(stream);
  return { mime: ret.mime ?? '', data };
}
