// SSH transport against an in-process ssh2 server: password and keyboard-interactive auth,
// and what the remote command does (exit codes, stderr), which a real sshd makes hard to script.
import { readFileSync, writeFileSync } from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { AuthContext, ServerChannel } from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConnectionError } from '../../../electron/libvirt/errors.js';
import { createDialer } from '../../../electron/libvirt/transport/dial.js';
import { buildRemoteCommand } from '../../../electron/libvirt/transport/ssh-command.js';
import type { DialOptions } from '../../../electron/libvirt/transport/types.js';
import { parseLibvirtUri } from '../../../electron/libvirt/transport/uri.js';
import { exchange, failureOf, generateKey, makeTempDir, rejectionOf, type KeyPair } from './helpers/tools.js';

type Methods = 'password' | 'keyboard-interactive';
type ExecBehaviour = (command: string, channel: ServerChannel) => void;

interface FakeServer {
  port: number;
  commands: string[];
  users: string[];
  close: () => Promise<void>;
}

const echo: ExecBehaviour = (_command, channel) => {
  channel.on('data', (d: Buffer) => channel.write(d));
};

describe('ssh transport against an in-process ssh2 server', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let hostKey: KeyPair;
  let server: FakeServer | undefined;

  beforeAll(() => {
    tmp = makeTempDir('ssh2srv');
    hostKey = generateKey(path.join(tmp.dir, 'host'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => tmp.remove());

  async function startServer(methods: Methods[], behaviour: ExecBehaviour): Promise<FakeServer> {
    const commands: string[] = [];
    const users: string[] = [];
    const clients = new Set<ssh2.Connection>();
    const srv = new ssh2.Server({ hostKeys: [readFileSync(hostKey.privateFile)] }, (client) => {
      clients.add(client);
      client.on('error', () => undefined);
      client.on('close', () => clients.delete(client));
      client.on('authentication', (ctx: AuthContext) => {
        users.push(ctx.username);
        if (ctx.method === 'password' && methods.includes('password')) {
          return ctx.password === 'secret' ? ctx.accept() : ctx.reject(methods);
        }
        if (ctx.method === 'keyboard-interactive' && methods.includes('keyboard-interactive')) {
          return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) =>
            answers[0] === 'secret' ? ctx.accept() : ctx.reject(methods),
          );
        }
        ctx.reject(methods);
      });
      client.on('ready', () => {
        client.on('session', (acceptSession) => {
          const session = acceptSession();
          session.on('exec', (acceptExec, _reject, info) => {
            commands.push(info.command);
            behaviour(info.command, acceptExec());
          });
        });
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    server = {
      port,
      commands,
      users,
      close: () =>
        new Promise<void>((r) => {
          for (const c of clients) c.end();
          srv.close(() => r());
        }),
    };
    return server;
  }

  function knownHostsFor(port: number): string {
    const file = path.join(tmp.dir, `known_hosts_${port}`);
    writeFileSync(file, `[127.0.0.1]:${port} ${hostKey.publicLine}\n`);
    return file;
  }

  const dial = (uri: string, opts: DialOptions) => createDialer(uri, { agent: false, ...opts }).dialer.dial();

  it('authenticates with the password callback and runs the libvirt remote command', async () => {
    const srv = await startServer(['password'], echo);
    const password = vi.fn(async () => 'secret');
    const uri = `qemu+ssh://alice@127.0.0.1:${srv.port}/system`;
    const channel = await dial(uri, { knownHostsFile: knownHostsFor(srv.port), password });
    try {
      expect((await exchange(channel.stream, Buffer.from('abc'), 3)).toString()).toBe('abc');
    } finally {
      channel.close();
    }
    expect(password).toHaveBeenCalledTimes(1);
    expect(srv.users).toContain('alice');
    expect(srv.commands).toEqual([buildRemoteCommand(parseLibvirtUri(uri), false).command]);
  });

  it('sends -r for read-only connections', async () => {
    const srv = await startServer(['password'], echo);
    const channel = await dial(`qemu+ssh://alice@127.0.0.1:${srv.port}/system?proxy=native`, {
      knownHostsFile: knownHostsFor(srv.port),
      password: async () => 'secret',
      readOnly: true,
    });
    channel.close();
    expect(srv.commands[0]).toBe("sh -c 'exec virt-ssh-helper -r '\\''qemu:///system'\\'''");
  });

  it('uses the current OS user when the URI names none', async () => {
    const srv = await startServer(['password'], echo);
    const channel = await dial(`qemu+ssh://127.0.0.1:${srv.port}/system`, {
      knownHostsFile: knownHostsFor(srv.port),
      password: async () => 'secret',
    });
    channel.close();
    expect(srv.users).toContain(os.userInfo().username);
  });

  it('answers keyboard-interactive prompts with the password', async () => {
    const srv = await startServer(['keyboard-interactive'], echo);
    const password = vi.fn(async () => 'secret');
    const channel = await dial(`qemu+ssh://bob@127.0.0.1:${srv.port}/system`, { knownHostsFile: knownHostsFor(srv.port), password });
    channel.close();
    expect(password).toHaveBeenCalledTimes(1);
  });

  it('reports a wrong password as auth-failed and asks only once', async () => {
    const srv = await startServer(['password', 'keyboard-interactive'], echo);
    const password = vi.fn(async () => 'wrong');
    const err = await rejectionOf(
      dial(`qemu+ssh://alice@127.0.0.1:${srv.port}/system`, { knownHostsFile: knownHostsFor(srv.port), password }),
    );
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('auth-failed');
    expect(err.message).toMatch(/tried password, keyboard-interactive/);
    expect(password).toHaveBeenCalledTimes(1);
  });

  it('reports a declined password prompt as auth-failed', async () => {
    const srv = await startServer(['password'], echo);
    const err = await rejectionOf(
      dial(`qemu+ssh://alice@127.0.0.1:${srv.port}/system`, { knownHostsFile: knownHostsFor(srv.port), password: async () => null }),
    );
    expect((err as ConnectionError).kind).toBe('auth-failed');
  });

  it('follows sshauth= (no password when only privkey is allowed)', async () => {
    const srv = await startServer(['password'], echo);
    const password = vi.fn(async () => 'secret');
    const err = await rejectionOf(
      dial(`qemu+ssh://alice@127.0.0.1:${srv.port}/system?sshauth=privkey`, { knownHostsFile: knownHostsFor(srv.port), password }),
    );
    expect((err as ConnectionError).kind).toBe('auth-failed');
    expect(password).not.toHaveBeenCalled();
  });

  it('refuses the host key when the accept callback throws', async () => {
    const srv = await startServer(['password'], echo);
    const err = await rejectionOf(
      dial(`qemu+ssh://alice@127.0.0.1:${srv.port}/system`, {
        knownHostsFile: path.join(tmp.dir, 'fresh', 'known_hosts'),
        password: async () => 'secret',
        acceptHostKey: async () => {
          throw new Error('dialog crashed');
        },
      }),
    );
    expect((err as ConnectionError).kind).toBe('host-key-unknown');
  });

  it('turns a remote command that fails before any output into remote-command with its stderr', async () => {
    const srv = await startServer(['password'], (_c, channel) => {
      channel.stderr.write('virt-ssh-helper: cannot connect to socket: boom\n');
      channel.exit(3);
      channel.end();
    });
    const err = await failureOf(
      dial(`qemu+ssh://alice@127.0.0.1:${srv.port}/system`, { knownHostsFile: knownHostsFor(srv.port), password: async () => 'secret' }),
    );
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('remote-command');
    expect(err.message).toContain('cannot connect to socket: boom');
    expect(err.message).toContain('exit status 3');
  });

  it('treats exit status 0 with no output as a failure too', async () => {
    const srv = await startServer(['password'], (_c, channel) => {
      channel.exit(0);
      channel.end();
    });
    const err = await failureOf(
      dial(`qemu+ssh://alice@127.0.0.1:${srv.port}/system`, { knownHostsFile: knownHostsFor(srv.port), password: async () => 'secret' }),
    );
    expect((err as ConnectionError).kind).toBe('remote-command');
    expect(err.message).toMatch(/could not reach the libvirt daemon/);
  });

  it('ends the stream normally when the command exits after sending data', async () => {
    const srv = await startServer(['password'], (_c, channel) => {
      channel.write('reply');
      channel.exit(1);
      channel.end();
    });
    const channel = await dial(`qemu+ssh://alice@127.0.0.1:${srv.port}/system`, {
      knownHostsFile: knownHostsFor(srv.port),
      password: async () => 'secret',
    });
    const chunks: Buffer[] = [];
    for await (const chunk of channel.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('reply');
    channel.close();
  });
});
