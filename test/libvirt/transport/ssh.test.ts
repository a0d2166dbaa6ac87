// Integration tests of the SSH transport against real OpenSSH servers started here, on 127.0.0.1.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConnectionError } from '../../../electron/libvirt/errors.js';
import { createDialer } from '../../../electron/libvirt/transport/dial.js';
import type { Channel, DialOptions, HostKeyInfo } from '../../../electron/libvirt/transport/types.js';
import {
  AUTH_LIST_CALL,
  canConnect,
  exchange,
  findFreePort,
  fingerprintBySshKeygen,
  generateKey,
  makeTempDir,
  rejectionOf,
  startEchoSocket,
  startSshd,
  failureOf,
  whySshdUnusable,
  type KeyPair,
  type Sshd,
} from './helpers/tools.js';
import { execFileSync } from 'node:child_process';
import { lab } from '../../helpers/lab.js';

// With the lab up (always under `npm test`) root and sshd are there: the suite runs, and an
// unusable sshd is a failure, not a skip.
const skipReason = lab ? null : whySshdUnusable();
if (skipReason) console.warn(`ssh transport tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('ssh transport against a real sshd', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let hostKey: KeyPair;
  let clientKey: KeyPair;
  let strangerKey: KeyPair;
  let sshd: Sshd;
  let echo: { close: () => Promise<void> };
  let echoSocket: string;
  let khCounter = 0;

  /** A fresh known_hosts path (in a not-yet-existing directory). */
  const freshKnownHosts = () => path.join(tmp.dir, `kh-${++khCounter}`, 'known_hosts');
  const hostLine = () => `[127.0.0.1]:${sshd.port} ${hostKey.publicLine}`;
  const uriFor = (extra = '') =>
    `qemu+ssh://root@127.0.0.1:${sshd.port}/system?keyfile=${encodeURIComponent(clientKey.privateFile)}` +
    `&socket=${encodeURIComponent(echoSocket)}${extra}`;
  const dial = (uri: string, opts: DialOptions) => createDialer(uri, { agent: false, ...opts }).dialer.dial();

  async function expectEcho(channel: Channel): Promise<void> {
    const payload = Buffer.from('hello through ssh, nc and a unix socket\n');
    expect((await exchange(channel.stream, payload, payload.length)).toString()).toBe(payload.toString());
  }

  beforeAll(async () => {
    tmp = makeTempDir('ssh');
    hostKey = generateKey(path.join(tmp.dir, 'host_ed25519'));
    clientKey = generateKey(path.join(tmp.dir, 'client'));
    strangerKey = generateKey(path.join(tmp.dir, 'stranger'));
    const authorized = path.join(tmp.dir, 'authorized_keys');
    writeFileSync(authorized, `${clientKey.publicLine}\n`);
    sshd = await startSshd({ dir: tmp.dir, hostKeyFile: hostKey.privateFile, authorizedKeysFile: authorized });
    echoSocket = path.join(tmp.dir, 'echo.sock');
    echo = await startEchoSocket(echoSocket);
  });

  afterAll(async () => {
    await echo?.close();
    await sshd?.stop();
    tmp?.remove();
  });

  it('refuses an unknown host key by default and writes nothing', async () => {
    const knownHosts = freshKnownHosts();
    const err = await rejectionOf(dial(uriFor(), { knownHostsFile: knownHosts }));
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('host-key-unknown');
    expect(err.message).toContain(fingerprintBySshKeygen(hostKey.publicFile));
    expect(err.message).toContain(`127.0.0.1:${sshd.port}`);
    expect(err.message).toContain(hostLine());
    expect(existsSync(knownHosts)).toBe(false);
    expect(existsSync(path.dirname(knownHosts))).toBe(false);
  });

  it('refuses unknown keys when no known_hosts file is configured', async () => {
    const err = await rejectionOf(dial(uriFor(), { acceptHostKey: async () => true }));
    expect((err as ConnectionError).kind).toBe('host-key-unknown');
    expect(err.message).toMatch(/no known_hosts file is configured/);
  });

  it('ignores no_verify=1 and says so', async () => {
    const err = await rejectionOf(dial(uriFor('&no_verify=1'), { knownHostsFile: freshKnownHosts() }));
    expect((err as ConnectionError).kind).toBe('host-key-unknown');
    expect(err.message).toMatch(/never skips/);
  });

  it('refuses when the callback declines, and writes nothing', async () => {
    const knownHosts = freshKnownHosts();
    const ask = vi.fn(async () => false);
    const err = await rejectionOf(dial(uriFor(), { knownHostsFile: knownHosts, acceptHostKey: ask }));
    expect((err as ConnectionError).kind).toBe('host-key-unknown');
    expect(ask).toHaveBeenCalledTimes(1);
    expect(existsSync(knownHosts)).toBe(false);
  });

  it('records a key accepted through the callback; the next dial does not ask', async () => {
    const knownHosts = freshKnownHosts();
    const ask = vi.fn(async (_info: HostKeyInfo) => true);
    const channel = await dial(uriFor(), { knownHostsFile: knownHosts, acceptHostKey: ask });
    try {
      await expectEcho(channel);
    } finally {
      channel.close();
    }
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask.mock.calls[0]![0]).toEqual({
      host: '127.0.0.1',
      port: sshd.port,
      keyType: 'ssh-ed25519',
      fingerprint: fingerprintBySshKeygen(hostKey.publicFile),
      key: hostKey.base64,
    });
    expect(readFileSync(knownHosts, 'utf8')).toBe(`${hostLine()}\n`);
    expect(statSync(knownHosts).mode & 0o777).toBe(0o600);
    // OpenSSH agrees with what we wrote.
    const found = execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', knownHosts], { encoding: 'utf8' });
    expect(found).toContain(hostKey.base64);

    const again = vi.fn(async () => true);
    const second = await dial(uriFor(), { knownHostsFile: knownHosts, acceptHostKey: again });
    try {
      await expectEcho(second);
    } finally {
      second.close();
    }
    expect(again).not.toHaveBeenCalled();
  });

  it('accepts a recorded key, plain, in a host list, or hashed', async () => {
    const plain = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(plain)]);
    writeFileSync(plain, `# comment\n\n|1|garbage\nother.example ${strangerKey.publicLine}\n${hostLine()}\n`);
    const hashed = path.join(path.dirname(plain), 'hashed');
    writeFileSync(hashed, `[127.0.0.1]:${sshd.port},[localhost]:${sshd.port} ${hostKey.publicLine}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', hashed], { stdio: 'ignore' });
    expect(readFileSync(hashed, 'utf8')).toMatch(/^\|1\|/);

    for (const file of [plain, hashed]) {
      const channel = await dial(uriFor(), { knownHostsFile: file });
      try {
        await expectEcho(channel);
      } finally {
        channel.close();
      }
    }
  });

  it('refuses a changed key even if the callback would accept it', async () => {
    const knownHosts = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(knownHosts)]);
    writeFileSync(knownHosts, `# first line\n[127.0.0.1]:${sshd.port} ${strangerKey.publicLine}\n`);
    const before = readFileSync(knownHosts, 'utf8');
    const ask = vi.fn(async () => true);
    const err = await rejectionOf(dial(uriFor('&no_verify=1'), { knownHostsFile: knownHosts, acceptHostKey: ask }));
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('host-key-changed');
    expect(err.message).toContain(fingerprintBySshKeygen(hostKey.publicFile));
    expect(err.message).toContain(`${knownHosts} line 2`);
    expect(err.message).toContain(`127.0.0.1:${sshd.port}`);
    expect(err.message).toMatch(/never skips/);
    expect(ask).not.toHaveBeenCalled();
    expect(readFileSync(knownHosts, 'utf8')).toBe(before);
  });

  it('refuses when only a key of another type is recorded', async () => {
    const rsa = generateKey(path.join(tmp.dir, 'other_rsa'), 'rsa');
    const knownHosts = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(knownHosts)]);
    writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${rsa.publicLine}\n`);
    const err = await rejectionOf(dial(uriFor(), { knownHostsFile: knownHosts, acceptHostKey: async () => true }));
    expect((err as ConnectionError).kind).toBe('host-key-changed');
    expect(err.message).toContain('ssh-rsa');
  });

  it('never lets the known_hosts= URI parameter replace the known_hosts file of the options', async () => {
    const knownHosts = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(knownHosts)]);
    writeFileSync(knownHosts, `${hostLine()}\n`);
    const own = path.join(tmp.dir, 'does-not-exist');
    let err: unknown;
    try {
      await dial(uriFor(`&known_hosts=${encodeURIComponent(knownHosts)}`), { knownHostsFile: own });
    } catch (e) {
      err = e;
    }
    expect((err as ConnectionError).kind).toBe('unsupported');
    expect((err as Error).message).toContain(`known_hosts=${knownHosts} is not used`);
    // Naming the very file the options give changes nothing, so it is allowed.
    const channel = await dial(uriFor(`&known_hosts=${encodeURIComponent(knownHosts)}`), { knownHostsFile: knownHosts });
    channel.close();
  });

  it('reports a wrong client key as auth-failed', async () => {
    const knownHosts = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(knownHosts)]);
    writeFileSync(knownHosts, `${hostLine()}\n`);
    const uri = `qemu+ssh://root@127.0.0.1:${sshd.port}/system?keyfile=${encodeURIComponent(strangerKey.privateFile)}`;
    const err = await rejectionOf(dial(uri, { knownHostsFile: knownHosts }));
    expect((err as ConnectionError).kind).toBe('auth-failed');
    expect(err.message).toMatch(/authentication as root/);
  });

  it('reports a missing or encrypted key file as auth-failed', async () => {
    const knownHosts = freshKnownHosts();
    const missing = await rejectionOf(
      dial(`qemu+ssh://root@127.0.0.1:${sshd.port}/system?keyfile=/nonexistent/key`, { knownHostsFile: knownHosts }),
    );
    expect((missing as ConnectionError).kind).toBe('auth-failed');
    expect(missing.message).toContain('/nonexistent/key');
    const locked = generateKey(path.join(tmp.dir, 'locked'), 'ed25519', 'open sesame');
    const uri = `qemu+ssh://root@127.0.0.1:${sshd.port}/system`;
    const noPass = await rejectionOf(dial(uri, { knownHostsFile: knownHosts, keyFile: locked.privateFile }));
    expect((noPass as ConnectionError).kind).toBe('auth-failed');
    expect(noPass.message).toMatch(/passphrase/);
  });

  it('uses a passphrase-protected key from DialOptions', async () => {
    const locked = generateKey(path.join(tmp.dir, 'locked2'), 'ed25519', 'open sesame');
    const authorized = readFileSync(path.join(tmp.dir, 'authorized_keys'), 'utf8');
    writeFileSync(path.join(tmp.dir, 'authorized_keys'), `${authorized}${locked.publicLine}\n`);
    const knownHosts = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(knownHosts)]);
    writeFileSync(knownHosts, `${hostLine()}\n`);
    const uri = `qemu+ssh://root@127.0.0.1:${sshd.port}/system?socket=${encodeURIComponent(echoSocket)}`;
    const channel = await dial(uri, { knownHostsFile: knownHosts, keyFile: locked.privateFile, passphrase: 'open sesame' });
    try {
      await expectEcho(channel);
    } finally {
      channel.close();
    }
  });

  it('reports a closed port as unreachable', async () => {
    const port = await findFreePort();
    const err = await rejectionOf(dial(`qemu+ssh://root@127.0.0.1:${port}/system`, { knownHostsFile: freshKnownHosts() }));
    expect((err as ConnectionError).kind).toBe('unreachable');
    expect(err.message).toContain(`127.0.0.1:${port}`);
  });

  it('times out on a server that never speaks SSH', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const started = Date.now();
      const err = await rejectionOf(
        dial(`qemu+ssh://root@127.0.0.1:${port}/system`, { knownHostsFile: freshKnownHosts(), timeoutMs: 500 }),
      );
      expect((err as ConnectionError).kind).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });

  it('does not count the time the user takes to accept a key', async () => {
    const knownHosts = freshKnownHosts();
    const slowYes = async () => {
      await new Promise((r) => setTimeout(r, 1_200));
      return true;
    };
    const channel = await dial(uriFor(), { knownHostsFile: knownHosts, acceptHostKey: slowYes, timeoutMs: 1_000 });
    channel.close();
  });

  it('reports a failing remote command with its stderr', async () => {
    const knownHosts = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(knownHosts)]);
    writeFileSync(knownHosts, `${hostLine()}\n`);
    const uri =
      `qemu+ssh://root@127.0.0.1:${sshd.port}/system?keyfile=${encodeURIComponent(clientKey.privateFile)}` +
      `&socket=${encodeURIComponent(path.join(tmp.dir, 'no-such.sock'))}`;
    const err = await failureOf(dial(uri, { knownHostsFile: knownHosts }), AUTH_LIST_CALL);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('remote-command');
    expect(err.message).toMatch(/no-such\.sock|No such file/);
    expect(err.message).toMatch(/exit status [1-9]/);
  });

  it('reports a missing remote program (exit 127)', async () => {
    const knownHosts = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(knownHosts)]);
    writeFileSync(knownHosts, `${hostLine()}\n`);
    const err = await failureOf(dial(uriFor('&netcat=/nonexistent/nc'), { knownHostsFile: knownHosts }));
    expect((err as ConnectionError).kind).toBe('remote-command');
    expect(err.message).toMatch(/exit status 127/);
  });

  it('carries a large payload both ways intact', async () => {
    const knownHosts = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(knownHosts)]);
    writeFileSync(knownHosts, `${hostLine()}\n`);
    const channel = await dial(uriFor(), { knownHostsFile: knownHosts });
    try {
      const payload = Buffer.alloc(3 * 1024 * 1024);
      for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + 7) & 0xff;
      const back = await exchange(channel.stream, payload, payload.length, 20_000);
      expect(back.equals(payload)).toBe(true);
    } finally {
      channel.close();
    }
  });

  it('reaches the lab libvirtd through the default remote command (AUTH_LIST)', async () => {
    expect(lab, 'the lab (its libvirtd) is up').not.toBeNull();
    expect(await canConnect('/var/run/libvirt/libvirt-sock')).toBe(true);
    const knownHosts = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(knownHosts)]);
    writeFileSync(knownHosts, `${hostLine()}\n`);
    const uri = `qemu+ssh://root@127.0.0.1:${sshd.port}/system?keyfile=${encodeURIComponent(clientKey.privateFile)}`;
    const channel = await dial(uri, { knownHostsFile: knownHosts });
    try {
      const reply = await exchange(channel.stream, AUTH_LIST_CALL, 0x24);
      expect(reply.readUInt32BE(0)).toBe(0x24);
    } finally {
      channel.close();
    }
  });

  it('reports virt-ssh-helper failing when no daemon runs on the remote host', async () => {
    // A remote host without a daemon, while the lab's libvirtd keeps running: this key's
    // forced command runs what the client asked for in a mount namespace whose
    // /run/libvirt is an empty tmpfs (no socket there, as on a host with libvirtd stopped).
    const noDaemonKey = generateKey(path.join(tmp.dir, 'no-daemon'));
    const wrapper = path.join(tmp.dir, 'no-daemon.sh');
    writeFileSync(
      wrapper,
      '#!/bin/sh\nexec unshare --mount sh -c \'mount -t tmpfs tmpfs /run/libvirt && exec sh -c "$SSH_ORIGINAL_COMMAND"\'\n',
      { mode: 0o755 },
    );
    const authorized = path.join(tmp.dir, 'authorized_keys');
    writeFileSync(authorized, `${readFileSync(authorized, 'utf8')}command="${wrapper}" ${noDaemonKey.publicLine}\n`);
    const knownHosts = freshKnownHosts();
    execFileSync('mkdir', ['-p', path.dirname(knownHosts)]);
    writeFileSync(knownHosts, `${hostLine()}\n`);
    const uri = `test+ssh://root@127.0.0.1:${sshd.port}/default?keyfile=${encodeURIComponent(noDaemonKey.privateFile)}&proxy=native`;
    const err = await failureOf(dial(uri, { knownHostsFile: knownHosts }), AUTH_LIST_CALL);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('remote-command');
    expect(err.message).toMatch(/virt-ssh-helper/);
    expect(err.message).toMatch(/libvirt-sock.*No such file or directory/);
    expect(err.message).toMatch(/exit status 1\b/);
    // the lab's own daemon was never touched
    expect(await canConnect('/var/run/libvirt/libvirt-sock')).toBe(true);
  });
});
