import ssh2 from 'ssh2';
import type {
  AnyAuthMethod,
  Client as SshClient,
  AuthenticationType,
  ClientChannel,
  ConnectConfig,
  KeyboardInteractiveCallback,
  ParsedKey,
  Prompt,
  ServerHostKeyAlgorithm,
} from 'ssh2';
import { ConnectionError } from '../errors.js';
import { Deadline, errnoOf, formatHostPort, isWildcardAddress, messageOf, toConnectionError } from './common.js';
import { ExecStream } from './exec-stream.js';
import {
  appendKnownHost,
  checkHostKey,
  describeHostKey,
  formatKnownHostsLine,
  listRecordedKeyTypes,
  readKnownHosts,
} from './known-hosts.js';
import { readSmallFile, SmallFileError } from './small-file.js';
import type { SshTarget } from './ssh-target.js';
import type { Duplex } from 'node:stream';
import type { Channel, HostKeyInfo, TunnelTarget } from './types.js';
import type { SshAuthMethod } from './uri.js';

// ssh2 is CommonJS; only its default export carries `utils` under Node's ESM loader.
const { Client, utils } = ssh2;

/** ssh2's own preference order; recorded key types are moved to the front (as OpenSSH does). */
const HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** ssh2's auth callback also takes `false` ("no more methods"), which its typings leave out. */
type NextAuth = (method: AnyAuthMethod | false) => void;
type AuthHandler = (methodsLeft: AuthenticationType[] | null, partial: boolean | null, next: NextAuth) => void;

async function loadPrivateKey(file: string, passphrase: string | undefined): Promise<ParsedKey> {
  let data: Buffer;
  try {
    data = await readSmallFile(file, { what: 'the SSH key file' });
  } catch (err) {
    const why = err instanceof SmallFileError ? err.message : `cannot read the SSH key file ${file}: ${errnoOf(err) ?? String(err)}`;
    throw new ConnectionError('auth-failed', why, { cause: err });
  }
  const parsed: unknown = utils.parseKey(data, passphrase);
  const key = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
  if (key instanceof Error || key === undefined) {
    const why = key instanceof Error ? key.message : 'no key found';
    const hint = /passphrase/i.test(why)
      ? passphrase === undefined
        ? ' (the key is encrypted: give its passphrase)'
        : ' (wrong passphrase?)'
      : '';
    throw new ConnectionError('auth-failed', `cannot use the SSH key file ${file}: ${why}${hint}`);
  }
  const parsedKey = key as ParsedKey;
  if (!parsedKey.isPrivateKey()) {
    throw new ConnectionError('auth-failed', `the SSH key file ${file} holds a public key; give the private key`);
  }
  return parsedKey;
}

/** Recorded key types first, so a host recorded with (say) RSA is not met with its ed25519 key. */
function orderHostKeyAlgorithms(recordedTypes: string[]): ServerHostKeyAlgorithm[] {
  const preferred: ServerHostKeyAlgorithm[] = [];
  for (const type of recordedTypes) {
    const algos: ServerHostKeyAlgorithm[] =
      type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : HOST_KEY_ALGORITHMS.filter((a) => a === type);
    for (const a of algos) if (!preferred.includes(a)) preferred.push(a);
  }
  return [...preferred, ...HOST_KEY_ALGORITHMS.filter((a) => !preferred.includes(a))];
}

export async function dialSsh(target: SshTarget): Promise<Channel> {
  const where = formatHostPort(target.host, target.port);
  const privateKey = target.keyFile !== undefined ? await loadPrivateKey(target.keyFile, target.passphrase) : undefined;
  let recordedTypes: string[] = [];
  if (target.knownHostsFile !== undefined) {
    try {
      recordedTypes = listRecordedKeyTypes(await readKnownHosts(target.knownHostsFile), target.host, target.port);
    } catch {
      // Reported by the host key check itself, with the file name.
    }
  }

  return new Promise<Channel>((resolve, reject) => {
    const client = new Client();
    let settled = false;
    /** Set when we refuse the host key: ssh2 then fails with its own generic message. */
    let hostKeyFailure: ConnectionError | undefined;
    const tried: string[] = [];

    const fail = (err: ConnectionError) => {
      if (settled) return;
      settled = true;
      deadline.cancel();
      client.removeAllListeners('ready');
      client.destroy();
      reject(err);
    };
    const deadline = new Deadline(target.timeoutMs, () =>
      fail(new ConnectionError('timeout', `SSH connection to ${where}: no session within ${target.timeoutMs} ms`)),
    );

    const verifyHostKey = async (blob: Buffer): Promise<boolean> => {
      const outcome = await checkPresentedKey(target, blob, deadline);
      if (outcome !== true) hostKeyFailure = outcome;
      return outcome === true;
    };

    const authHandler = createAuthHandler(target, privateKey, deadline, tried, () => settled);

    client.on('error', (err: Error & { level?: string }) => {
      if (settled) return;
      // ssh2 reports a failed agent and goes on with the next method.
      if (err.level === 'agent') return;
      fail(hostKeyFailure ?? classifySshError(err, target, tried));
    });
    client.on('close', () => {
      fail(hostKeyFailure ?? new ConnectionError('closed', `the SSH server ${where} closed the connection during setup`));
    });
    client.on('ready', () => {
      client.exec(target.remote.command, (err: Error | undefined, channel: ClientChannel) => {
        if (settled) {
          if (!err) channel.destroy();
          return;
        }
        if (err) {
          fail(new ConnectionError('remote-command', `cannot start the remote command on ${where}: ${err.message}`, { cause: err }));
          return;
        }
        // A command that fails at once (missing helper, no daemon) often arrives in the same
        // TCP read as the exec reply: give those packets one turn, so dial() rejects with the
        // reason instead of handing back a stream whose error nobody is listening for yet.
        const wrapped = wrapChannel(client, channel, target);
        let early: Error | undefined;
        const catchEarly = (err: Error) => {
          early = err;
        };
        wrapped.stream.on('error', catchEarly);
        setImmediate(() => {
          wrapped.stream.off('error', catchEarly);
          if (settled) {
            wrapped.close();
            return;
          }
          if (early !== undefined) {
            fail(early instanceof ConnectionError ? early : new ConnectionError('remote-command', early.message, { cause: early }));
            return;
          }
          settled = true;
          deadline.cancel();
          resolve(wrapped);
        });
      });
    });

    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: 0, // our Deadline covers connect, handshake and exec, paused while the user decides
      keepaliveInterval: 0, // libvirt's own keepalive watches the connection
      algorithms: { serverHostKey: orderHostKeyAlgorithms(recordedTypes) },
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void): void => {
        void verifyHostKey(key)
          .catch(() => false)
          .then((ok) => {
            if (!settled) verify(ok);
          });
      },
      authHandler: authHandler as unknown as ConnectConfig['authHandler'],
    };
    try {
      client.connect(config);
      // libvirt RPC is many small request/reply packets: without this, Nagle's
      // algorithm and delayed ACKs hold each reply back ~40 ms.
      client.setNoDelay(true);
    } catch (err) {
      fail(new ConnectionError('unsupported', `cannot start SSH to ${where}: ${messageOf(err)}`, { cause: err }));
    }
  });
}

function wrapChannel(client: SshClient, channel: ClientChannel, target: SshTarget): Channel {
  let ended = false;
  const endClient = () => {
    if (ended) return;
    ended = true;
    client.end();
  };
  const stream = new ExecStream(channel, target.label, endClient);
  client.on('error', (err: Error) => stream.abort(err.message));
  client.on('close', () => stream.abort('connection closed'));
  return {
    stream,
    description: `ssh ${target.label}`,
    close: () => {
      stream.destroy();
      endClient();
    },
    openTunnel: (to) => openSshTunnel(client, to, target, () => ended),
  };
}

/** How long the SSH server may take to open a tunnel channel. */
const TUNNEL_OPEN_TIMEOUT_MS = 15_000;

/**
 * A channel of the SSH connection we already hold (no new session, nothing listening here):
 * direct-tcpip to a TCP address of the host (a wildcard listen is reached on 127.0.0.1), or
 * streamlocal (OpenSSH's extension) to a unix socket there. The server must allow it
 * (AllowTcpForwarding / AllowStreamLocalForwarding, PermitOpen).
 */
function openSshTunnel(client: SshClient, to: TunnelTarget, target: SshTarget, isEnded: () => boolean): Promise<Duplex> {
  const where = formatHostPort(target.host, target.port);
  const dest = 'path' in to ? to.path : formatHostPort(isWildcardAddress(to.host) ? '127.0.0.1' : to.host, to.port);
  if (isEnded())
    return Promise.reject(new ConnectionError('closed', `cannot open a tunnel to ${dest}: the SSH connection to ${where} is closed`));
  return new Promise<Duplex>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(
        new ConnectionError('timeout', `the SSH server ${where} did not open a tunnel to ${dest} within ${TUNNEL_OPEN_TIMEOUT_MS} ms`),
      );
    }, TUNNEL_OPEN_TIMEOUT_MS);
    const opened = (err: Error | undefined, channel: ClientChannel) => {
      clearTimeout(timer);
      if (done) {
        if (!err) channel.destroy();
        return;
      }
      done = true;
      if (err) {
        const refusal = /administratively prohibited|prohibited|denied/i.test(err.message)
          ? ' (the SSH server refuses forwarding: it needs AllowTcpForwarding local, or AllowStreamLocalForwarding for a socket)'
          : '';
        reject(
          new ConnectionError('unreachable', `the SSH server ${where} could not open a tunnel to ${dest}: ${err.message}${refusal}`, {
            cause: err,
          }),
        );
        return;
      }
      resolve(channel);
    };
    try {
      if ('path' in to) client.openssh_forwardOutStreamLocal(to.path, opened);
      else
        client.forwardOut('127.0.0.1', 0, isWildcardAddress(to.host) ? '127.0.0.1' : to.host.replace(/^\[(.*)\]$/, '$1'), to.port, opened);
    } catch (err) {
      clearTimeout(timer);
      done = true;
      reject(new ConnectionError('closed', `cannot open a tunnel to ${dest} over ${where}: ${messageOf(err)}`, { cause: err }));
    }
  });
}

/** Returns true to accept, or the ConnectionError that explains the refusal. */
async function checkPresentedKey(target: SshTarget, blob: Buffer, deadline: Deadline): Promise<true | ConnectionError> {
  const where = formatHostPort(target.host, target.port);
  let info: HostKeyInfo;
  try {
    info = describeHostKey(target.host, target.port, blob);
  } catch (err) {
    return new ConnectionError('protocol', `the SSH server ${where} sent an unreadable host key: ${messageOf(err)}`);
  }
  const skipNote = target.verifySkipRequested
    ? ' (the URI asks to skip host key verification; NovaCron never skips it, so no_verify/known_hosts_verify=ignore has no effect)'
    : '';
  const presented = `${info.keyType} key ${info.fingerprint}`;
  const file = target.knownHostsFile;
  if (file === undefined) {
    return new ConnectionError(
      'host-key-unknown',
      `cannot verify the SSH host key of ${where} (${presented}): no known_hosts file is configured${skipNote}`,
    );
  }
  let verdict;
  try {
    verdict = checkHostKey(await readKnownHosts(file), target.host, target.port, blob);
  } catch (err) {
    return new ConnectionError('host-key-unknown', `cannot read the known_hosts file ${file}: ${messageOf(err)}`, {
      cause: err,
    });
  }
  switch (verdict.status) {
    case 'match':
      return true;
    case 'revoked':
      return new ConnectionError(
        'host-key-changed',
        `the SSH host key of ${where} (${presented}) is marked @revoked in ${file} line ${verdict.entry.line}; refusing to connect`,
      );
    case 'changed':
      return new ConnectionError(
        'host-key-changed',
        `the SSH host key of ${where} has CHANGED: the server now presents ${presented}, but ${file} line ${verdict.entry.line} ` +
          `records a different ${verdict.entry.keyType} key. Someone may be intercepting the connection, or the host was reinstalled. ` +
          `If the change is expected, remove line ${verdict.entry.line} from ${file} and connect again${skipNote}.`,
      );
    case 'unknown':
      break;
  }
  const howTo =
    `check the fingerprint on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then accept it when asked, ` +
    `or add this line to ${file}: ${formatKnownHostsLine(target.host, target.port, info.keyType, info.key)}`;
  if (target.acceptHostKey === undefined) {
    return new ConnectionError('host-key-unknown', `the SSH host key of ${where} is not known (${presented}); ${howTo}${skipNote}`);
  }
  const ask = target.acceptHostKey;
  let accepted = false;
  try {
    accepted = await deadline.pausedWhile(() => ask(info));
  } catch {
    accepted = false;
  }
  if (accepted !== true) {
    return new ConnectionError('host-key-unknown', `the SSH host key of ${where} (${presented}) was not accepted; ${howTo}`);
  }
  try {
    await appendKnownHost(file, target.host, target.port, blob);
  } catch (err) {
    return new ConnectionError(
      'host-key-unknown',
      `the SSH host key of ${where} was accepted but cannot be recorded in ${file}: ${messageOf(err)}`,
      { cause: err },
    );
  }
  return true;
}

/**
 * Tries 'none' first (to learn what the server offers), then the configured methods in order,
 * skipping those the server does not list. The password callback is asked at most once per dial.
 */
function createAuthHandler(
  target: SshTarget,
  privateKey: ParsedKey | undefined,
  deadline: Deadline,
  tried: string[],
  isSettled: () => boolean,
): AuthHandler {
  const username = target.user;
  const queue = target.authOrder.filter((m) => {
    if (m === 'privkey') return privateKey !== undefined;
    if (m === 'agent') return target.agent !== undefined;
    return target.password !== undefined;
  });
  let askedPassword = false;
  let cachedPassword: string | null = null;
  const getPassword = async (): Promise<string | null> => {
    if (askedPassword || !target.password) return cachedPassword;
    askedPassword = true;
    const ask = target.password;
    try {
      cachedPassword = await deadline.pausedWhile(() => ask());
    } catch {
      cachedPassword = null;
    }
    return cachedPassword;
  };
  const serverName = (m: SshAuthMethod): AuthenticationType => (m === 'privkey' || m === 'agent' ? 'publickey' : m);

  let first = true;
  const handler: AuthHandler = (methodsLeft, _partial, next) => {
    if (first) {
      first = false;
      next({ type: 'none', username });
      return;
    }
    const pickNext = (): void => {
      if (isSettled()) return;
      const method = queue.shift();
      if (method === undefined) {
        next(false);
        return;
      }
      if (methodsLeft && !methodsLeft.includes(serverName(method))) {
        pickNext();
        return;
      }
      switch (method) {
        case 'privkey':
          tried.push(`publickey (${target.keyFile})`);
          next({ type: 'publickey', username, key: privateKey! });
          return;
        case 'agent':
          tried.push('ssh-agent');
          next({ type: 'agent', username, agent: target.agent! });
          return;
        case 'password':
          void getPassword().then((password) => {
            if (password === null) return pickNext();
            tried.push('password');
            next({ type: 'password', username, password });
          });
          return;
        case 'keyboard-interactive':
          tried.push('keyboard-interactive');
          next({
            type: 'keyboard-interactive',
            username,
            prompt: (_name: string, _instr: string, _lang: string, prompts: Prompt[], finish: KeyboardInteractiveCallback) => {
              void answerPrompts(prompts, getPassword, target, deadline).then(finish);
            },
          });
          return;
      }
    };
    pickNext();
  };
  return handler;
}

/** The first prompt gets the (cached) password; any further prompt asks the callback again. */
async function answerPrompts(
  prompts: Prompt[],
  getPassword: () => Promise<string | null>,
  target: SshTarget,
  deadline: Deadline,
): Promise<string[]> {
  const answers: string[] = [];
  for (let i = 0; i < prompts.length; i++) {
    let answer: string | null = null;
    if (i === 0) answer = await getPassword();
    else if (target.password) {
      const ask = target.password;
      answer = await deadline.pausedWhile(() => ask()).catch(() => null);
    }
    answers.push(answer ?? '');
  }
  return answers;
}

/** SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE, the DISCONNECT reason when every auth method failed. */
const SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE = 14;

function classifySshError(err: Error & { level?: string; code?: unknown }, target: SshTarget, tried: string[]): ConnectionError {
  const where = formatHostPort(target.host, target.port);
  switch (err.level) {
    case 'client-authentication': {
      const attempts = tried.length > 0 ? tried.join(', ') : 'nothing usable: no key file, ssh-agent or password callback';
      return new ConnectionError('auth-failed', `SSH authentication as ${target.user} on ${where} failed (tried ${attempts})`, {
        cause: err,
      });
    }
    case 'client-socket':
    case 'client-dns':
      return toConnectionError(err, `SSH server ${where}`);
    case 'client-timeout':
      return new ConnectionError('timeout', `SSH connection to ${where}: ${err.message}`, { cause: err });
    default:
      break;
  }
  // A DISCONNECT from the server carries a numeric reason code (RFC 4253 §11.1).
  if (err.code === SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE || /authentication/i.test(err.message)) {
    return new ConnectionError('auth-failed', `SSH authentication as ${target.user} on ${where} failed: ${err.message}`, {
      cause: err,
    });
  }
  if (typeof err.code === 'string') return toConnectionError(err, `SSH server ${where}`);
  return new ConnectionError('protocol', `SSH handshake with ${where} failed: ${err.message}`, { cause: err });
}
