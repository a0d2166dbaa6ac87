import { createSshDialer } from './ssh-target.js';
import { createTcpDialer } from './tcp.js';
import { createTlsDialer } from './tls.js';
import type { DialOptions, Dialer } from './types.js';
import { createUnixDialer } from './unix.js';
import { parseLibvirtUri, type ParsedUri } from './uri.js';

export { DEFAULT_TIMEOUT_MS } from './common.js';

/**
 * Parses `uri` and returns the dialer of its transport, plus the parsed URI (its `name` is what
 * CONNECT_OPEN sends). Throws ConnectionError('unsupported') for a URI we cannot use.
 * timeoutMs (default 15 s) bounds connect plus handshake; time spent in the user's callbacks
 * (host key, password) does not count.
 */
export function createDialer(uri: string, opts: DialOptions = {}): { dialer: Dialer; parsed: ParsedUri } {
  const parsed = parseLibvirtUri(uri);
  return { dialer: createDialerFor(parsed, opts), parsed };
}

export function createDialerFor(parsed: ParsedUri, opts: DialOptions = {}): Dialer {
  switch (parsed.transport) {
    case 'unix':
      return createUnixDialer(parsed, opts);
    case 'tcp':
      return createTcpDialer(parsed, opts);
    case 'tls':
      return createTlsDialer(parsed, opts);
    case 'ssh':
      return createSshDialer(parsed, opts);
  }
}
