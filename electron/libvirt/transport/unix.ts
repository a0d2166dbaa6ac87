import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConnectionError } from '../errors.js';
import { connectSocket, errnoOf, localTunnel, resolveTimeout } from './common.js';
import type { Channel, DialOptions, Dialer } from './types.js';
import { isSessionUri, type ParsedUri } from './uri.js';

/** Where system daemons put their sockets (libvirt builds `<localstatedir>/run/libvirt`). */
export const SYSTEM_SOCKET_DIR = '/var/run/libvirt';

/** The directory of a user's session daemon sockets. */
export function resolveSessionSocketDir(env: NodeJS.ProcessEnv = process.env): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime) return path.join(runtime, 'libvirt');
  return path.join(env.HOME || os.homedir(), '.cache', 'libvirt');
}

/** The socket of a per-driver ("direct") daemon, e.g. virtqemud-sock for qemu. */
export function directSocketName(driver: string, readOnly: boolean): string {
  return `virt${driver}d-sock${readOnly ? '-ro' : ''}`;
}

/** The socket of the monolithic daemon (libvirtd, virtproxyd), "legacy" mode. */
export function legacySocketName(readOnly: boolean): string {
  return `libvirt-sock${readOnly ? '-ro' : ''}`;
}

/**
 * The local socket a unix URI leads to: `socket=` wins; otherwise `mode=` (auto by default: the
 * driver's own daemon socket if it exists, else libvirt-sock). Session URIs have no -ro socket.
 */
export function resolveUnixSocketPath(
  parsed: ParsedUri,
  opts: Pick<DialOptions, 'readOnly'> = {},
  fileExists: (p: string) => boolean = existsSync,
): string {
  const explicit = parsed.params.get('socket');
  if (explicit !== undefined) return explicit;
  const session = isSessionUri(parsed);
  const dir = session ? resolveSessionSocketDir() : SYSTEM_SOCKET_DIR;
  const readOnly = !session && opts.readOnly === true;
  const direct = path.join(dir, directSocketName(parsed.driver, readOnly));
  const legacy = path.join(dir, legacySocketName(readOnly));
  switch (parsed.params.get('mode') ?? 'auto') {
    case 'direct':
      return direct;
    case 'legacy':
      return legacy;
    default:
      return fileExists(direct) ? direct : legacy;
  }
}

export function createUnixDialer(parsed: ParsedUri, opts: DialOptions = {}): Dialer {
  if (parsed.transport !== 'unix') throw new ConnectionError('unsupported', `not a unix URI: ${parsed.uri}`);
  const timeoutMs = resolveTimeout(opts.timeoutMs);
  return {
    get description() {
      return `unix ${resolveUnixSocketPath(parsed, opts)}`;
    },
    dial: () => dialUnix(resolveUnixSocketPath(parsed, opts), timeoutMs),
  };
}

export async function dialUnix(socketPath: string, timeoutMs: number): Promise<Channel> {
  let socket;
  try {
    socket = await connectSocket({ path: socketPath }, `the libvirt socket ${socketPath}`, timeoutMs);
  } catch (err) {
    const code = err instanceof ConnectionError ? errnoOf(err.cause) : undefined;
    if (err instanceof ConnectionError && (code === 'ENOENT' || code === 'ECONNREFUSED')) {
      throw new ConnectionError('unreachable', `${err.message}; is the libvirt daemon running?`, { cause: err.cause });
    }
    throw err;
  }
  return {
    stream: socket,
    description: `unix ${socketPath}`,
    close: () => socket.destroy(),
    openTunnel: (target) => localTunnel(target, timeoutMs),
  };
}
