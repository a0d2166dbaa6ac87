/**
 * A fake peer on a real local unix socket that speaks frames. It is not a
 * libvirt mock: tests use it to send malformed or hand-made packets and to
 * see exactly what the client wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FrameDecoder } from '../../../../electron/libvirt/rpc/frame-decoder.js';
import { type Packet, type PacketHeader, encodeFrame, makeHeader } from '../../../../electron/libvirt/rpc/packet.js';
import type { Channel } from '../../../../electron/libvirt/transport/types.js';
import { Program } from '../../../../electron/libvirt/protocol/define.js';

export interface FakePeer {
  /** The client end, ready for an RpcSession. */
  channel: Channel;
  /** The server end. */
  socket: net.Socket;
  /** Packets the client sent, in order. */
  received: Packet[];
  /** Resolves with the oldest packet not yet taken that matches `filter` (default: any), waiting if needed. */
  nextPacket(filter?: (p: Packet) => boolean, timeoutMs?: number): Promise<Packet>;
  send(h: Partial<PacketHeader> & Pick<PacketHeader, 'procedure' | 'type' | 'serial'>, payload?: Uint8Array): void;
  sendRaw(bytes: Uint8Array): void;
  /** Closes both ends and the listener. */
  close(): Promise<void>;
}

export async function createFakePeer(): Promise<FakePeer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nc-fake-peer-'));
  const sockPath = path.join(dir, 'peer.sock');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(sockPath, resolve));
  const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  const client = net.createConnection(sockPath);
  await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
  const socket = await accepted;

  const received: Packet[] = [];
  const untaken: Packet[] = [];
  const waiters: Array<{ filter: (p: Packet) => boolean; resolve: (p: Packet) => void }> = [];
  const decoder = new FrameDecoder('the client');
  socket.on('data', (chunk: Buffer) => {
    for (const p of decoder.push(chunk)) {
      received.push(p);
      const i = waiters.findIndex((w) => w.filter(p));
      if (i >= 0) waiters.splice(i, 1)[0]!.resolve(p);
      else untaken.push(p);
    }
  });
  socket.on('error', () => {});
  client.on('error', () => {});

  return {
    channel: { stream: client, description: `fake peer ${sockPath}`, close: () => client.destroy() },
    socket,
    received,
    nextPacket(filter = () => true, timeoutMs = 5000) {
      const j = untaken.findIndex(filter);
      if (j >= 0) return Promise.resolve(untaken.splice(j, 1)[0]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake peer: no matching packet in time')), timeoutMs);
        waiters.push({ filter, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    send(h, payload) {
      socket.write(encodeFrame(makeHeader({ program: Program.REMOTE, ...h }), payload));
    },
    sendRaw(bytes) {
      socket.write(bytes);
    },
    async close() {
      client.destroy();
      socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
