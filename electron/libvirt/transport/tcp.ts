import { ConnectionError } from '../errors.js';
import { connectSocket, directTunnel, formatHostPort, resolveTimeout } from './common.js';
import type { Channel, DialOptions, Dialer } from './types.js';
import type { ParsedUri } from './uri.js';

/** libvirtd's plain TCP port (listen_tcp). */
export const DEFAULT_TCP_PORT = 16509;

/** Plain, unencrypted TCP. The daemon usually wants SASL on it; that is the RPC layer's business. */
export function createTcpDialer(parsed: ParsedUri, opts: DialOptions = {}): Dialer {
  if (parsed.transport !== 'tcp' || parsed.host === undefined) {
    throw new ConnectionError('unsupported', `not a tcp URI with a host: ${parsed.uri}`);
  }
  const host = parsed.host;
  const port = parsed.port ?? DEFAULT_TCP_PORT;
  const timeoutMs = resolveTimeout(opts.timeoutMs);
  const description = `tcp ${formatHostPort(host, port)}`;
  return {
    description,
    async dial(): Promise<Channel> {
      const socket = await connectSocket({ host, port }, formatHostPort(host, port), timeoutMs);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 30_000);
      return { stream: socket, description, close: () => socket.destroy(), openTunnel: (t) => directTunnel(t, host, timeoutMs) };
    },
  };
}
