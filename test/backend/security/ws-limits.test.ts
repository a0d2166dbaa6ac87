/**
 * The headless WebSocket against a client that misbehaves on purpose: one that
 * never reads its replies (the server's queue must stay bounded and the client
 * be cut off with 1008), and one that keeps hundreds of slow calls open (at
 * most MAX_CALLS_IN_FLIGHT run at once; the rest wait, and every call is
 * answered in the end). Real server on loopback, real `ws` client.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../../shared/transport.js';
import { createMemoryLogger } from '../../../electron/backend/log.js';
import { startHeadlessServer, type HeadlessServer } from '../../../electron/server/server.js';
import { MAX_BUFFERED_BYTES, MAX_CALLS_IN_FLIGHT } from '../../../electron/server/ws.js';
import { makeTempDir, removeDir, startTestBackend, type TestBackend } from '../helpers.js';

let t: TestBackend;
let server: HeadlessServer;
let rendererDir: string;
const serverLog = createMemoryLogger();

/** A TCP port that accepts and then says nothing: a libvirt connect to it stays in flight. */
let silent: Server;
let silentPort: number;
const silentSockets = new Set<Socket>();

function openWs(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const closeOf = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

beforeAll(async () => {
  rendererDir = await makeTempDir('novacron-renderer-');
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>NovaCron</title>');
  t = await startTestBackend({ connectTimeoutMs: 60_000 });
  server = await startHeadlessServer({ backend: t.backend, rendererDir, port: 0, log: serverLog });
  silent = createServer((s) => {
    silentSockets.add(s);
    s.on('close', () => silentSockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  silentPort = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  for (const s of silentSockets) s.destroy();
  await new Promise((r) => silent.close(r));
  await server.close();
  await t.close();
  await removeDir(t.dataDir);
  await removeDir(rendererDir);
});

describe('WebSocket limits', () => {
  it('cuts off a client that never reads its replies once ~8 MiB are queued, instead of queueing without end', async () => {
    // Big replies: connections.list with 60 records is ~15 KB, so 6000 unread calls would be ~90 MB.
    for (let i = 0; i < 60; i++) {
      await t.call('connections.add', { name: `padding-${i}-${'x'.repeat(80)}`, uri: 'qemu:///system' });
    }
    const ws = await openWs();
    const closed = closeOf(ws);
    let received = 0;
    let replies = 0;
    ws.on('message', (d: Buffer) => {
      received += d.length;
      replies++;
    });
    ws.pause(); // reads nothing from here on
    const calls = 6000;
    for (let id = 1; id <= calls; id++) ws.send(JSON.stringify({ t: 'call', id, method: 'connections.list', input: {} }));
    // Let the server work through them with nobody reading, then read what it kept.
    await new Promise((r) => setTimeout(r, 3000));
    ws.resume();
    const { code, reason } = await closed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/unread/);
    expect(replies).toBeLessThan(calls);
    // The queue cap, plus what the loopback socket buffers held: far below the ~90 MB asked for.
    expect(received).toBeLessThan(MAX_BUFFERED_BYTES + 24 * 1024 * 1024);
    expect(serverLog.lines.some((l) => l.includes('does not read'))).toBe(true);
    // The server goes on serving everyone else.
    const other = await openWs();
    const reply = await new Promise<ServerMessage>((resolve) => {
      other.once('message', (d) => resolve(JSON.parse(d.toString()) as ServerMessage));
      other.send(JSON.stringify({ t: 'call', id: 1, method: 'app.info', input: {} }));
    });
    expect(reply).toMatchObject({ id: 1, ok: true });
    other.close();
  }, 60_000);

  it(`runs at most ${MAX_CALLS_IN_FLIGHT} calls of one client at once, and still answers every call`, async () => {
    const total = MAX_CALLS_IN_FLIGHT + 44;
    const ids: string[] = [];
    for (let i = 0; i < total; i++) {
      ids.push((await t.call('connections.add', { name: `slow-${i}`, uri: `qemu+tcp://127.0.0.1:${silentPort}/system` })).id);
    }
    const ws = await openWs();
    const answered = new Map<number, ServerMessage>();
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as ServerMessage;
      if (m.t === 'result') answered.set(m.id, m);
    });
    ids.forEach((id, i) => ws.send(JSON.stringify({ t: 'call', id: i + 1, method: 'connections.connect', input: { id } })));
    // Each call in flight holds one TCP connection to the silent port.
    const until = async (pred: () => boolean, ms: number) => {
      const end = Date.now() + ms;
      while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      return pred();
    };
    expect(await until(() => silentSockets.size >= MAX_CALLS_IN_FLIGHT, 20_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000)); // more would have come by now
    expect(silentSockets.size).toBe(MAX_CALLS_IN_FLIGHT);
    expect(answered.size).toBe(0);
    // Hanging up on them ends those calls; the waiting ones then run, and get hung up on in turn.
    expect(
      await until(() => {
        for (const s of silentSockets) s.destroy();
        return answered.size === total;
      }, 30_000),
    ).toBe(true);
    for (const m of answered.values()) expect(m).toMatchObject({ t: 'result', ok: false });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  }, 60_000);
});
