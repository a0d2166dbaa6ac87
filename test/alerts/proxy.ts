/**
 * A loopback TCP proxy to the lab daemon's unix socket that a test can cut
 * (every open link dropped, new ones refused) and restore: a host that
 * becomes unreachable and comes back, while the daemon itself stays up.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface CuttableProxy {
  uri: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(socketPath = '/var/run/libvirt/libvirt-sock'): Promise<CuttableProxy> {
  const open = new Set<Socket>();
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(socketPath);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    uri: `qemu+tcp://127.0.0.1:${port}/system`,
    cut() {
      refusing = true;
      for (const s of [...open]) s.destroy();
    },
    restore() {
      refusing = false;
    },
    async close() {
      refusing = true;
      for (const s of [...open]) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
