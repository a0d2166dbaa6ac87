import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';

export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `novacron-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A port nothing listens on right now (bound then released). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface KeyPair {
  privateFile: string;
  publicFile: string;
  /** "type base64" */
  publicLine: string;
  type: string;
  base64: string;
}

export function generateKey(file: string, type: 'ed25519' | 'rsa' | 'ecdsa' = 'ed25519', passphrase = ''): KeyPair {
  const args = ['-q', '-t', type, '-N', passphrase, '-C', 'novacron-test', '-f', file];
  if (type === 'rsa') args.push('-b', '2048');
  execFileSync('ssh-keygen', args);
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  return { privateFile: file, publicFile: `${file}.pub`, publicLine: `${keyType} ${base64}`, type: keyType!, base64: base64! };
}

/** What `ssh-keygen -lf` prints as the fingerprint (SHA256:...). */
export function fingerprintBySshKeygen(publicFile: string): string {
  const out = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicFile], { encoding: 'utf8' });
  return out.split(/\s+/)[1]!;
}

export function whySshdUnusable(): string | null {
  if (process.getuid?.() !== 0) return 'the sshd tests need root (privilege separation dir, root login)';
  if (!existsSync('/usr/sbin/sshd')) return '/usr/sbin/sshd is not installed';
  return null;
}

export interface Sshd {
  port: number;
  log: () => string;
  stop: () => Promise<void>;
}

/** A throwaway OpenSSH server on 127.0.0.1, root login by key only. */
export async function startSshd(opts: { dir: string; hostKeyFile: string; authorizedKeysFile: string; port?: number }): Promise<Sshd> {
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = opts.port ?? (await findFreePort());
  const config = path.join(opts.dir, `sshd-${port}.conf`);
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${opts.hostKeyFile}`,
      `PidFile ${path.join(opts.dir, `sshd-${port}.pid`)}`,
      `AuthorizedKeysFile ${opts.authorizedKeysFile}`,
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'UseDNS no',
      'AllowAgentForwarding no',
      'AllowTcpForwarding no',
      'X11Forwarding no',
      'PrintMotd no',
      'MaxStartups 100',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), 10_000);
    child.stderr!.on('data', (text: string) => {
      log += text;
      if (log.includes('Server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}: ${log}`));
    });
  });
  return {
    port,
    log: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A unix socket server that echoes what it gets. */
export function startEchoSocket(socketPath: string): Promise<{ close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
      s.pipe(s);
    });
    server.once('error', reject);
    server.listen(socketPath, () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

/** Writes `data` and collects the reply until `length` bytes came back. */
export function exchange(stream: Duplex, data: Buffer, length: number, timeoutMs = 10_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const timer = setTimeout(() => done(new Error(`only ${total} of ${length} bytes came back`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= length) done();
    };
    const onError = (err: Error) => done(err);
    const onEnd = () => done(new Error(`EOF after ${total} of ${length} bytes`));
    function done(err?: Error) {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('error', onError);
      stream.off('end', onEnd);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    }
    stream.on('data', onData);
    stream.on('error', onError);
    stream.on('end', onEnd);
    stream.write(data);
  });
}

/** Resolves with the error the stream emits (or rejects if it ends cleanly). */
export function waitForStreamError(stream: Duplex, timeoutMs = 10_000): Promise<Error> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no error within the time limit')), timeoutMs);
    stream.on('data', () => undefined);
    stream.once('error', (err) => {
      clearTimeout(timer);
      resolve(err);
    });
    stream.once('end', () => {
      clearTimeout(timer);
      reject(new Error('the stream ended without an error'));
    });
  });
}

/**
 * The error of a remote command that fails early: dial() rejects when the failure comes with
 * the exec reply, otherwise the stream errors once we write to it.
 */
export async function failureOf(dial: Promise<{ stream: Duplex; close: () => void }>, probe?: Buffer): Promise<Error> {
  let channel: { stream: Duplex; close: () => void };
  try {
    channel = await dial;
  } catch (err) {
    return err as Error;
  }
  try {
    if (probe) channel.stream.write(probe);
    return await waitForStreamError(channel.stream);
  } finally {
    channel.close();
  }
}

/** Resolves with the rejection of `promise` (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    const value = await promise;
    if (value && typeof value === 'object' && 'close' in value && typeof value.close === 'function') value.close();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection, got a value');
}

/** True when a unix socket accepts connections. */
export function canConnect(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(socketPath)) return resolve(false);
    const s = net.connect({ path: socketPath });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** libvirt's AUTH_LIST call (docs/protocol/connection.md §3.1): 28 bytes; the reply starts with length 0x24. */
export const AUTH_LIST_CALL = Buffer.from('0000001c2000808600000001000000420000000000000001' + '00000000', 'hex');
