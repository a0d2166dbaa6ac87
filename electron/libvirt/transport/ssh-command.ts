import path from 'node:path';
import { ConnectionError } from '../errors.js';
import { SYSTEM_SOCKET_DIR, directSocketName, legacySocketName } from './unix.js';
import { isSessionUri, type ParsedUri } from './uri.js';

/** How the remote end reaches the daemon: virt-ssh-helper, netcat, or the helper with a netcat fallback. */
export type SshProxyMode = 'auto' | 'native' | 'netcat';

export interface RemoteCommand {
  /** The single string to `exec` over SSH; the remote login shell runs it. */
  command: string;
  proxy: SshProxyMode;
  /** The socket netcat connects to (netcat and auto modes). */
  socketPath?: string;
  /** Short human form for descriptions, e.g. "virt-ssh-helper". */
  summary: string;
}

/** POSIX single-quoting: safe in sh, bash, dash, zsh (and fish, csh for these characters). */
export function quoteShellWord(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * proxy= wins; else socket= or netcat= force netcat (as libvirt does); else session URIs use
 * the helper only (the socket is in the remote user's runtime dir), others auto.
 */
export function resolveProxyMode(parsed: ParsedUri): SshProxyMode {
  const given = parsed.params.get('proxy');
  if (given === 'auto' || given === 'native' || given === 'netcat') {
    if (given === 'native' && parsed.params.has('socket')) {
      throw new ConnectionError('unsupported', `${parsed.uri}: socket= needs proxy=netcat (virt-ssh-helper finds the socket itself)`);
    }
    if (given === 'auto' && isSessionUri(parsed) && !parsed.params.has('socket')) return 'native';
    return given;
  }
  if (parsed.params.has('socket') || parsed.params.has('netcat')) return 'netcat';
  return isSessionUri(parsed) ? 'native' : 'auto';
}

/**
 * The socket path netcat uses, worked out on our side like libvirt does: socket= wins, else
 * the legacy libvirt-sock (mode=direct: the driver's own daemon socket), -ro when read-only.
 */
export function resolveRemoteSocketPath(parsed: ParsedUri, readOnly: boolean): string {
  const explicit = parsed.params.get('socket');
  if (explicit !== undefined) return explicit;
  if (isSessionUri(parsed)) {
    throw new ConnectionError(
      'unsupported',
      `${parsed.uri}: netcat cannot know the remote session socket; give socket=/path or use proxy=native`,
    );
  }
  const name = parsed.params.get('mode') === 'direct' ? directSocketName(parsed.driver, readOnly) : legacySocketName(readOnly);
  return path.posix.join(SYSTEM_SOCKET_DIR, name);
}

/** Builds the remote command libvirt's own client runs over ssh (docs/protocol/connection.md §4.4), with `exec` so exit codes come back. */
export function buildRemoteCommand(parsed: ParsedUri, readOnly: boolean): RemoteCommand {
  const proxy = resolveProxyMode(parsed);
  const helper = `virt-ssh-helper${readOnly ? ' -r' : ''} ${quoteShellWord(parsed.name)}`;
  if (proxy === 'native') {
    return { command: wrapInSh(`exec ${helper}`), proxy, summary: 'virt-ssh-helper' };
  }
  const socketPath = resolveRemoteSocketPath(parsed, readOnly);
  const nc = quoteShellWord(parsed.params.get('netcat') ?? 'nc');
  // OpenBSD nc needs -q0 to exit when stdin closes; other netcats have no -q at all.
  const netcat =
    `if ${nc} -q 2>&1 | grep "requires an argument" >/dev/null 2>&1; then ARG=-q0; else ARG=; fi; ` +
    `exec ${nc} $ARG -U ${quoteShellWord(socketPath)}`;
  if (proxy === 'netcat') {
    return { command: wrapInSh(netcat), proxy, socketPath, summary: `nc -U ${socketPath}` };
  }
  const auto = `if command -v virt-ssh-helper >/dev/null 2>&1; then exec ${helper}; else ${netcat}; fi`;
  return { command: wrapInSh(auto), proxy, socketPath, summary: `virt-ssh-helper, else nc -U ${socketPath}` };
}

/** The login shell may be anything; run our script in sh, quoted once more for that outer shell. */
function wrapInSh(script: string): string {
  return `sh -c ${quoteShellWord(script)}`;
}
