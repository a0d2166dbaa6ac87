import type { LibvirtClient } from '../../libvirt/index.js';
import { toJson } from '../output.js';

/** Prints lifecycle events as JSON lines until interrupted or the connection ends. */
export async function followEvents(c: LibvirtClient, signal: AbortSignal): Promise<void> {
  const stop = await c.onDomainLifecycle((e) => {
    process.stdout.write(
      `${toJson({ time: new Date().toISOString(), domain: e.dom.name, uuid: e.dom.uuid, event: e.event, detail: e.detail })}\n`,
    );
  });
  process.stderr.write('novacron: listening for domain lifecycle events (Ctrl-C to stop)\n');
  const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  const reason = await Promise.race([aborted.then(() => null), c.closed]);
  if (reason) throw reason;
  await stop().catch(() => undefined);
}
