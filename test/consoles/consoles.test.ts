/**
 * Consoles through the real backend and the headless server, over a real
 * WebSocket with the token: the serial console of the lab's VNC guest answers
 * a command, "console in use" and take-over, the VNC display reached through
 * a channel of the SSH connection NovaCron already holds (no new SSH
 * session), refusal of frames for channels that are not open, and no stream
 * path without the token.
 */
import { appendFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, Socket, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { lab } from '../helpers/lab.js';
import { sshConnectionsOfThisProcess, startRig, WsClient, type Rig } from './helpers.js';

const L = lab;
const vncGuest = typeof L?.vncGuest === 'string' ? L.vncGuest : null;
const SSH_PORT = typeof L?.sshPort === 'number' ? L.sshPort : 2222;

/** The guest's answer, not the echo of the typed line (which shows "$((40+2))"). */
const COMMAND = 'echo AB$((40+2))CD\r';
const ANSWER = /(^|\n)AB42CD\r?\n/;

/**
 * Types COMMAND on `channel` and waits for its answer in what arrives afterwards: output an
 * earlier reader left in the guest's tty (flushed at open) must not count.
 */
async function typeAndRead(c: WsClient, channel: number, what: string, ms?: number): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
  const from = c.text(channel).length;
  c.send(channel, COMMAND);
  await c.waitFor(() => ANSWER.test(c.text(channel).slice(from).replace(/\r\n/g, '\n')), what, ms);
}

describe.skipIf(!L || !vncGuest)('consoles over the headless WebSocket (lab)', () => {
  let rig: Rig;
  let a: WsClient;
  let connectionId: string;
  let uuid: string;

  beforeAll(async () => {
    rig = await startRig(L!);
    a = await WsClient.open(rig.wsUrl);
    const c = (await a.call('connections.add', { name: 'lab-ssh', uri: L!.ssh, keyFile: L!.keyfile })) as { id: string };
    connectionId = c.id;
    const connected = (await a.call('connections.connect', { id: c.id })) as { state: string };
    expect(connected.state).toBe('connected');
    const vms = (await a.call('vms.list', { connectionId })) as Array<{ name: string; uuid: string }>;
    uuid = vms.find((v) => v.name === vncGuest)!.uuid;
  });

  afterAll(async () => {
    await a?.close();
    await rig?.close();
  });

  it('lists the guest consoles: a serial console and a VNC display', async () => {
    const list = (await a.call('consoles.list', { connectionId, uuid })) as {
      running: boolean;
      serial: Array<{ devName?: string }>;
      graphics: Array<{ type: string; port?: number; listen?: string }>;
    };
    expect(list.running).toBe(true);
    expect(list.serial.length).toBeGreaterThan(0);
    expect(list.graphics[0]).toMatchObject({ type: 'vnc', listen: '127.0.0.1' });
    expect(list.graphics[0]!.port).toBeGreaterThanOrEqual(5900);
  });

  it('serial console: types a command and reads its answer; console in use, then taken over with FORCE', async () => {
    const opened = await a.openChannel('console.serial', { connectionId, uuid, force: true });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.info).toMatchObject({ name: vncGuest, forced: true });
    await typeAndRead(a, opened.channel, 'AB42CD on the serial console');

    // A second client: refused while the first holds the console, with a clear message.
    const b = await WsClient.open(rig.wsUrl);
    try {
      const busy = await b.openChannel('console.serial', { connectionId, uuid });
      expect(busy.ok).toBe(false);
      if (busy.ok) return;
      expect(busy.error.code).toBe('conflict');
      expect(busy.error.message).toMatch(/in use by another session/);
      expect(busy.error.message).toMatch(/Take it over/);

      // FORCE takes it over: the new session answers, the first one is closed.
      const forced = await b.openChannel('console.serial', { connectionId, uuid, force: true });
      if (!forced.ok) throw new Error(forced.error.message);
      await a.waitFor(() => a.closed.has(opened.channel), 'the first session to be closed');
      expect(a.closed.get(opened.channel)?.message).toMatch(/another session may have taken it over/);
      await typeAndRead(b, forced.channel, 'AB42CD after the take-over');
      b.closeChannel(forced.channel);
      await b.waitFor(() => b.closed.has(forced.channel), 'the close confirmation');
      expect(b.closed.get(forced.channel)).toBeNull();

      // The audit log has the take-over (and the refusal before it).
      await expect
        .poll(async () => {
          const page = (await b.call('audit.list', { action: 'console.serial' })) as {
            entries: Array<{ ok: boolean; params: { force?: boolean }; error?: { code: string } }>;
          };
          return page.entries.map((e) => [e.ok, e.params.force ?? false, e.error?.code ?? null]);
        })
        .toEqual(
          expect.arrayContaining([
            [true, true, null],
            [false, false, 'conflict'],
          ]),
        );
    } finally {
      await b.close();
    }
  });

  it('VNC: the RFB banner arrives through a channel of the SSH connection already held, no new SSH session', async () => {
    const before = sshConnectionsOfThisProcess(SSH_PORT);
    expect(before).toBe(1); // the libvirt connection itself
    const opened = await a.openChannel('console.vnc', { connectionId, uuid });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.info).toMatchObject({ name: vncGuest, via: 'ssh', target: expect.stringMatching(/^127\.0\.0\.1:59\d\d$/) });
    await a.waitFor(() => a.bytes(opened.channel).length >= 12, 'the RFB version banner');
    expect(a.bytes(opened.channel).subarray(0, 12).toString('latin1')).toMatch(/^RFB 003\.00\d\n$/);
    // A second display channel at once: still the one SSH connection.
    const second = await a.openChannel('console.vnc', { connectionId, uuid });
    if (!second.ok) throw new Error(second.error.message);
    await a.waitFor(() => a.bytes(second.channel).length >= 12, 'the second banner');
    expect(sshConnectionsOfThisProcess(SSH_PORT)).toBe(before);

    // The client answers the banner: the server goes on to its security types (RFB 3.8: a count, then the types).
    a.send(opened.channel, 'RFB 003.008\n');
    await a.waitFor(() => a.bytes(opened.channel).length > 12, 'the security types');
    expect(a.bytes(opened.channel)[12]).toBeGreaterThan(0);
    a.closeChannel(opened.channel);
    a.closeChannel(second.channel);
    await a.waitFor(() => a.closed.has(opened.channel) && a.closed.has(second.channel), 'both closes');
    expect(sshConnectionsOfThisProcess(SSH_PORT)).toBe(before);
  });

  it('VNC on a local host (qemu:///system): a direct connection to the listen address', async () => {
    const local = (await a.call('connections.add', { name: 'lab-local', uri: L!.system })) as { id: string };
    await a.call('connections.connect', { id: local.id });
    const opened = await a.openChannel('console.vnc', { connectionId: local.id, uuid });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.info).toMatchObject({ via: 'direct' });
    await a.waitFor(() => a.bytes(opened.channel).length >= 12, 'the RFB banner');
    expect(a.bytes(opened.channel).subarray(0, 12).toString('latin1')).toMatch(/^RFB 003\.00\d\n$/);
    a.closeChannel(opened.channel);
    await a.call('connections.remove', { id: local.id });
  });

  it('a read-only connection opens no console (a console types into the guest)', async () => {
    const ro = (await a.call('connections.add', { name: 'lab-ro', uri: L!.system, readOnly: true })) as { id: string };
    await a.call('connections.connect', { id: ro.id });
    for (const kind of ['console.serial', 'console.vnc']) {
      const r = await a.openChannel(kind, { connectionId: ro.id, uuid });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/read-only connection/);
    }
    await a.call('connections.remove', { id: ro.id });
  });

  it('refuses frames for a channel id that is unknown, closed, or another client’s', async () => {
    a.send(4242, 'nobody listens');
    await a.waitFor(() => a.closed.has(4242), 'the refusal of id 4242');
    expect(a.closed.get(4242)).toMatchObject({ code: 'not-found' });

    const opened = await a.openChannel('console.serial', { connectionId, uuid, force: true });
    if (!opened.ok) throw new Error(opened.error.message);
    a.closeChannel(opened.channel);
    await a.waitFor(() => a.closed.has(opened.channel), 'the close');
    a.closed.delete(opened.channel);
    a.send(opened.channel, 'after the close\r');
    await a.waitFor(() => a.closed.has(opened.channel), 'the refusal after the close');
    expect(a.closed.get(opened.channel)).toMatchObject({ code: 'not-found' });

    // Ids are per client: another socket cannot write into this one's channel.
    const mine = await a.openChannel('console.vnc', { connectionId, uuid });
    if (!mine.ok) throw new Error(mine.error.message);
    const other = await WsClient.open(rig.wsUrl);
    try {
      other.send(mine.channel, 'RFB 003.008\n');
      await other.waitFor(() => other.closed.has(mine.channel), 'the refusal on the other socket');
      expect(other.closed.get(mine.channel)).toMatchObject({ code: 'not-found' });
      expect(a.closed.has(mine.channel)).toBe(false);
    } finally {
      await other.close();
      a.closeChannel(mine.channel);
    }

    // Bad opens are answered, not dropped.
    const unknownKind = await a.openChannel('console.spice', { connectionId, uuid });
    expect(unknownKind.ok === false && unknownKind.error.code).toBe('invalid-input');
    const badInput = await a.openChannel('console.serial', { connectionId, uuid: 'not-a-uuid' });
    expect(badInput.ok === false && badInput.error.code).toBe('invalid-input');
  });

  it('no stream path without the token or cookie', async () => {
    const base = `ws://127.0.0.1:${rig.server.port}`;
    await expect(WsClient.open(`${base}/ws`)).rejects.toThrow('status 401');
    await expect(WsClient.open(`${base}/ws?token=${'0'.repeat(64)}`)).rejects.toThrow('status 401');
    await expect(WsClient.open(`${base}/ws`, { Cookie: `novacron_token_${rig.server.port}=wrong` })).rejects.toThrow('status 401');
    for (const path of ['/websockify', '/vnc', '/console', '/ws/channel/1']) {
      await expect(WsClient.open(`${base}${path}`)).rejects.toThrow('status 401');
      // Even with the token there is only the one WebSocket path.
      await expect(WsClient.open(`${base}${path}?token=${rig.server.token}`)).rejects.toThrow('status 404');
    }
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: rig.server.port, path: '/websockify' }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
    // A cross-site page cannot use the cookie: a foreign Origin is refused.
    await expect(WsClient.open(rig.wsUrl, { Origin: 'http://evil.example' })).rejects.toThrow('status 403');
    expect(WebSocket).toBeDefined();
  });
});

describe.skipIf(!L || !vncGuest)('serial console after a link loss (lab, through a TCP proxy to its sshd)', () => {
  let rig: Rig;
  let a: WsClient;
  const sockets = new Set<Socket>();
  let proxy: Server;

  beforeAll(async () => {
    proxy = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(SSH_PORT, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    rig = await startRig(L!);
    a = await WsClient.open(rig.wsUrl);
  });

  afterAll(async () => {
    await a?.close();
    await rig?.close();
    for (const s of sockets) s.destroy();
    proxy?.close();
  });

  it('the channel ends with a link-loss code when the SSH link drops; reopened after the reconnect, it answers again', async () => {
    const port = (proxy.address() as { port: number }).port;
    // The proxy's port is another "host" for known_hosts: trust the lab's key there too.
    const hostKey = String(L!.hostKey);
    await appendFile(join(rig.t.dataDir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
    const c = (await a.call('connections.add', {
      name: 'via-proxy',
      uri: `qemu+ssh://root@127.0.0.1:${port}/system`,
      keyFile: L!.keyfile,
    })) as { id: string };
    expect(((await a.call('connections.connect', { id: c.id })) as { state: string }).state).toBe('connected');
    const vms = (await a.call('vms.list', { connectionId: c.id })) as Array<{ name: string; uuid: string }>;
    const uuid = vms.find((v) => v.name === vncGuest)!.uuid;
    const first = await a.openChannel('console.serial', { connectionId: c.id, uuid, force: true });
    if (!first.ok) throw new Error(first.error.message);
    const display = await a.openChannel('console.vnc', { connectionId: c.id, uuid });
    if (!display.ok) throw new Error(display.error.message);
    await a.waitFor(() => a.bytes(display.channel).length >= 12, 'the RFB banner through the proxy');

    for (const s of sockets) s.destroy();
    await a.waitFor(() => a.closed.has(first.channel) && a.closed.has(display.channel), 'both channels to end with the link');
    for (const channel of [first.channel, display.channel]) {
      const why = a.closed.get(channel);
      expect(why && isLinkLossCode(why.code), JSON.stringify(why)).toBe(true);
    }

    // What the renderer's session does: retry until the host connection is back.
    const deadline = Date.now() + 40_000;
    let again: Awaited<ReturnType<WsClient['openChannel']>> | undefined;
    while (Date.now() < deadline) {
      again = await a.openChannel('console.serial', { connectionId: c.id, uuid });
      if (again.ok || !isLinkLossCode(again.error.code)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (!again?.ok) throw new Error(`no console after the reconnect: ${again ? again.error.message : 'timeout'}`);
    await typeAndRead(a, again.channel, 'AB42CD after the reconnect', 30_000);
    a.closeChannel(again.channel);
  });
});

function isLinkLossCode(code: string): boolean {
  return code === 'not-connected' || code === 'unreachable' || code === 'timeout';
}
