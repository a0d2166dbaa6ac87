import net from 'node:net';
import { ConnectionError, type ConnectionErrorKind } from '../errors.js';

/** Connect plus (for SSH) handshake, when DialOptions.timeoutMs is not given. */
export const DEFAULT_TIMEOUT_MS = 15_000;

const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

const REASONS: Record<string, string> = {
  ENOENT: 'no such socket',
  ECONNREFUSED: 'connection refused',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (temporary)',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset by peer',
};

export function errnoOf(err: unknown): string | undefined {
  if (err instanceof Error && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Maps a Node socket error to a ConnectionError; `target` names what we tried to reach. */
export function toConnectionError(err: unknown, target: string): ConnectionError {
  if (err instanceof ConnectionError) return err;
  const code = errnoOf(err);
  const detail = err instanceof Error ? err.message : String(err);
  // Refused, missing socket, DNS, routing, permissions: all "unreachable".
  let kind: ConnectionErrorKind = 'unreachable';
  if (code === 'ETIMEDOUT') kind = 'timeout';
  else if (code !== undefined && CLOSED_CODES.has(code)) kind = 'closed';
  const reason = (code !== undefined && REASONS[code]) || detail;
  return new ConnectionError(kind, `cannot connect to ${target}: ${reason}${code ? ` (${code})` : ''}`, { cause: err });
}

/**
 * A timer that can be paused while we wait for the user (host key prompt, password):
 * the user's think time must not count against the connect timeout.
 */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private remaining: number;
  private startedAt = 0;
  private done = false;

  constructor(
    ms: number,
    private readonly onExpire: () => void,
  ) {
    this.remaining = ms;
    this.resume();
  }

  pause(): void {
    if (this.timer === undefined || this.done) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.remaining -= Date.now() - this.startedAt;
  }

  resume(): void {
    if (this.timer !== undefined || this.done) return;
    this.startedAt = Date.now();
    this.timer = setTimeout(
      () => {
        this.done = true;
        this.timer = undefined;
        this.onExpire();
      },
      Math.max(0, this.remaining),
    );
  }

  cancel(): void {
    this.done = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs `work` with the clock stopped. */
  async pausedWhile<T>(work: () => Promise<T>): Promise<T> {
    this.pause();
    try {
      return await work();
    } finally {
      this.resume();
    }
  }
}

export function resolveTimeout(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ConnectionError('unsupported', `timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  return timeoutMs;
}

/**
 * Opens a plain socket (TCP or unix) and resolves once it is connected.
 * Rejects with ConnectionError: 'unreachable', 'timeout' after `timeoutMs`.
 */
export function connectSocket(options: net.NetConnectOpts, target: string, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConnectionError('timeout', `cannot connect to ${target}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onError = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(toConnectionError(err, target));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** "host:port", with brackets around IPv6 literals. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]', '*']);

/** A listen address meaning "every address of the host". */
export function isWildcardAddress(host: string): boolean {
  return WILDCARDS.has(host.trim());
}

/** An address only the host itself can reach. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127\./.test(h);
}

/**
 * A tunnel from this machine straight to the daemon's host (TCP, TLS): the target must listen
 * on an address we can reach; `hostAddress` is the host as the URI names it.
 */
export async function directTunnel(
  target: { host: string; port: number } | { path: string },
  hostAddress: string,
  timeoutMs: number,
): Promise<net.Socket> {
  if ('path' in target) {
    throw new ConnectionError(
      'unsupported',
      `cannot reach the unix socket ${target.path} on ${hostAddress} over this transport; use qemu+ssh`,
    );
  }
  if (isLoopbackAddress(target.host)) {
    throw new ConnectionError(
      'unsupported',
      `${formatHostPort(target.host, target.port)} listens on ${hostAddress}'s loopback only: reach it over qemu+ssh, or let it listen on an address this machine can reach`,
    );
  }
  const host = isWildcardAddress(target.host) ? hostAddress : target.host;
  const socket = await connectSocket({ host, port: target.port }, formatHostPort(host, target.port), timeoutMs);
  socket.setNoDelay(true);
  return socket;
}

/** A tunnel on the local machine (unix socket transports): connect directly; a wildcard listen is reached on 127.0.0.1. */
export async function localTunnel(target: { host: string; port: number } | { path: string }, timeoutMs: number): Promise<net.Socket> {
  if ('path' in target) return connectSocket({ path: target.path }, target.path, timeoutMs);
  const host = isWildcardAddress(target.host) ? '127.0.0.1' : target.host.replace(/^\[(.*)\]$/, '$1');
  const socket = await connectSocket({ host, port: target.port }, formatHostPort(host, target.port), timeoutMs);
  socket.setNoDelay(true);
  return socket;
}
