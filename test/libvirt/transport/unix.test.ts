import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError } from '../../../electron/libvirt/errors.js';
import { createDialer } from '../../../electron/libvirt/transport/dial.js';
import { resolveUnixSocketPath } from '../../../electron/libvirt/transport/unix.js';
import { parseLibvirtUri } from '../../../electron/libvirt/transport/uri.js';
import { lab } from '../../helpers/lab.js';
import { AUTH_LIST_CALL, exchange, makeTempDir, rejectionOf, startEchoSocket } from './helpers/tools.js';

const LIBVIRT_SOCK = '/var/run/libvirt/libvirt-sock';

describe('unix socket paths', () => {
  const resolve = (uri: string, readOnly = false, existing: string[] = []) =>
    resolveUnixSocketPath(parseLibvirtUri(uri), { readOnly }, (p) => existing.includes(p));

  it('system: the driver daemon socket if present, else libvirt-sock; -ro when read-only', () => {
    expect(resolve('qemu:///system')).toBe('/var/run/libvirt/libvirt-sock');
    expect(resolve('qemu:///system', true)).toBe('/var/run/libvirt/libvirt-sock-ro');
    expect(resolve('qemu:///system', false, ['/var/run/libvirt/virtqemud-sock'])).toBe('/var/run/libvirt/virtqemud-sock');
    expect(resolve('qemu:///system', true, ['/var/run/libvirt/virtqemud-sock-ro'])).toBe('/var/run/libvirt/virtqemud-sock-ro');
    expect(resolve('test+unix:///default')).toBe('/var/run/libvirt/libvirt-sock');
    expect(resolve('test+unix:///default', false, ['/var/run/libvirt/virttestd-sock'])).toBe('/var/run/libvirt/virttestd-sock');
  });

  it('mode= and socket= override', () => {
    expect(resolve('qemu:///system?mode=direct')).toBe('/var/run/libvirt/virtqemud-sock');
    expect(resolve('qemu:///system?mode=legacy', false, ['/var/run/libvirt/virtqemud-sock'])).toBe('/var/run/libvirt/libvirt-sock');
    expect(resolve('qemu:///system?socket=/tmp/my.sock&mode=direct', true)).toBe('/tmp/my.sock');
  });

  it('session: $XDG_RUNTIME_DIR/libvirt, else ~/.cache/libvirt; no -ro socket', () => {
    const saved = { xdg: process.env.XDG_RUNTIME_DIR, home: process.env.HOME };
    try {
      process.env.XDG_RUNTIME_DIR = '/run/user/1000';
      expect(resolve('qemu:///session', true)).toBe('/run/user/1000/libvirt/libvirt-sock');
      expect(resolve('qemu:///session', false, ['/run/user/1000/libvirt/virtqemud-sock'])).toBe('/run/user/1000/libvirt/virtqemud-sock');
      delete process.env.XDG_RUNTIME_DIR;
      process.env.HOME = '/home/alice';
      expect(resolve('qemu:///session')).toBe('/home/alice/.cache/libvirt/libvirt-sock');
    } finally {
      if (saved.xdg === undefined) delete process.env.XDG_RUNTIME_DIR;
      else process.env.XDG_RUNTIME_DIR = saved.xdg;
      process.env.HOME = saved.home;
    }
  });
});

describe('unix transport', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    tmp = makeTempDir('unix');
  });
  afterAll(() => tmp.remove());

  it('reports a missing socket as unreachable, naming the path', async () => {
    const sock = path.join(tmp.dir, 'missing.sock');
    const { dialer } = createDialer(`qemu:///system?socket=${sock}`);
    const err = await rejectionOf(dialer.dial());
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('unreachable');
    expect(err.message).toContain(sock);
    expect(err.message).toMatch(/ENOENT/);
  });

  it('reports a socket nobody listens on as unreachable', async () => {
    const notASocket = path.join(tmp.dir, 'plain-file');
    writeFileSync(notASocket, '');
    const err = await rejectionOf(createDialer(`qemu:///system?socket=${notASocket}`).dialer.dial());
    expect((err as ConnectionError).kind).toBe('unreachable');
    expect(err.message).toContain(notASocket);
  });

  it('reports a stale socket (its daemon gone) as unreachable: ECONNREFUSED', async () => {
    // What a daemon that died leaves behind: a bound unix socket nobody listens on.
    const stale = path.join(tmp.dir, 'stale.sock');
    execFileSync('/usr/bin/python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', stale]);
    expect(statSync(stale).isSocket()).toBe(true);
    const err = await rejectionOf(createDialer(`qemu:///system?socket=${stale}`).dialer.dial());
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('unreachable');
    expect(err.message).toContain(stale);
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('carries bytes both ways', async () => {
    const sock = path.join(tmp.dir, 'echo.sock');
    const echo = await startEchoSocket(sock);
    try {
      const channel = await createDialer(`test+unix:///default?socket=${sock}`).dialer.dial();
      expect(channel.description).toBe(`unix ${sock}`);
      const back = await exchange(channel.stream, Buffer.from('ping'), 4);
      expect(back.toString()).toBe('ping');
      channel.close();
    } finally {
      await echo.close();
    }
  });

  // the lab's libvirtd (under `npm test` the lab is always up: lab is never null there)
  it.skipIf(!lab)('talks to the local libvirtd (AUTH_LIST), read-write and read-only', async () => {
    for (const readOnly of [false, true]) {
      const { dialer } = createDialer('qemu:///system', { readOnly });
      expect(dialer.description).toBe(`unix ${LIBVIRT_SOCK}${readOnly ? '-ro' : ''}`);
      const channel = await dialer.dial();
      try {
        const reply = await exchange(channel.stream, AUTH_LIST_CALL, 0x24);
        expect(reply.readUInt32BE(0)).toBe(0x24);
        expect(reply.subarray(4, 12).toString('hex')).toBe('2000808600000001');
      } finally {
        channel.close();
      }
    }
  });
});
