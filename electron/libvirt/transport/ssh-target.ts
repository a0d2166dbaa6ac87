/**
 * The SSH dialer's pure half: the target worked out from the URI and options,
 * with no ssh2 in sight. The dialing half (./ssh.ts, with ssh2, ~120 ms to
 * load) is imported on the first dial, so local URIs never pay for it.
 */
import os from 'node:os';
import path from 'node:path';
import { ConnectionError } from '../errors.js';
import { formatHostPort, resolveTimeout } from './common.js';
import { buildRemoteCommand, type RemoteCommand } from './ssh-command.js';
import type { DialOptions, Dialer, HostKeyInfo } from './types.js';
import { isFlagSet, type ParsedUri, type SshAuthMethod } from './uri.js';

export const DEFAULT_SSH_PORT = 22;

const DEFAULT_AUTH_ORDER: SshAuthMethod[] = ['privkey', 'agent', 'password', 'keyboard-interactive'];

/** Everything one SSH dial needs, worked out from the URI and the options. */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
  keyFile?: string;
  passphrase?: string;
  agent?: string;
  knownHostsFile?: string;
  acceptHostKey?: (info: HostKeyInfo) => Promise<boolean>;
  password?: () => Promise<string | null>;
  authOrder: SshAuthMethod[];
  remote: RemoteCommand;
  timeoutMs: number;
  /** no_verify=1 or known_hosts_verify=ignore: asked for, never honoured. */
  verifySkipRequested: boolean;
  label: string;
}

let sshModule: Promise<typeof import('./ssh.js')> | undefined;
function loadSsh(): Promise<typeof import('./ssh.js')> {
  return (sshModule ??= import('./ssh.js'));
}

export function createSshDialer(parsed: ParsedUri, opts: DialOptions = {}): Dialer {
  if (parsed.transport !== 'ssh' || parsed.host === undefined) {
    throw new ConnectionError('unsupported', `not an ssh URI with a host: ${parsed.uri}`);
  }
  const target = resolveSshTarget(parsed, opts);
  return { description: `ssh ${target.label}`, dial: () => loadSsh().then((m) => m.dialSsh(target)) };
}

function resolveSshTarget(parsed: ParsedUri, opts: DialOptions): SshTarget {
  const host = parsed.host!;
  const port = parsed.port ?? DEFAULT_SSH_PORT;
  const user = parsed.user ?? currentUserName();
  const remote = buildRemoteCommand(parsed, opts.readOnly === true);
  const sshauth = parsed.params.get('sshauth');
  const target: SshTarget = {
    host,
    port,
    user,
    authOrder: sshauth ? (sshauth.split(',') as SshAuthMethod[]) : DEFAULT_AUTH_ORDER,
    remote,
    timeoutMs: resolveTimeout(opts.timeoutMs),
    verifySkipRequested: isFlagSet(parsed, 'no_verify') || parsed.params.get('known_hosts_verify') === 'ignore',
    label: `${user}@${formatHostPort(host, port)} (${remote.summary})`,
  };
  const keyFile = parsed.params.get('keyfile') ?? opts.keyFile;
  if (keyFile !== undefined) target.keyFile = expandHome(keyFile);
  if (opts.passphrase !== undefined) target.passphrase = opts.passphrase;
  const agent = opts.agent === false ? undefined : (opts.agent ?? process.env.SSH_AUTH_SOCK);
  if (agent) target.agent = agent;
  // The trust file comes from the options only: a URI (stored, pasted, typed by someone else)
  // naming its own known_hosts would decide which keys are trusted and where new ones are written.
  if (opts.knownHostsFile !== undefined) target.knownHostsFile = expandHome(opts.knownHostsFile);
  const fromUri = parsed.params.get('known_hosts');
  if (fromUri !== undefined && expandHome(fromUri) !== target.knownHostsFile) {
    throw new ConnectionError(
      'unsupported',
      `the URI's known_hosts=${fromUri} is not used: host keys are checked against the known_hosts file given to the client ` +
        `(${target.knownHostsFile ?? 'none'}), never one named in the URI. Remove known_hosts= from the URI ` +
        `(the CLI takes --known-hosts FILE).`,
    );
  }
  if (opts.acceptHostKey) target.acceptHostKey = opts.acceptHostKey;
  if (opts.password) target.password = opts.password;
  return target;
}

/** `~/x` as ssh's -i understands it (libvirt hands keyfile= to ssh). */
function expandHome(file: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file;
}

function currentUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? 'root';
  }
}
