/**
 * A headless server on a real backend, and a WebSocket client that speaks its
 * protocol (shared/transport.ts): calls, channel opens, binary channel frames.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { AppErrorShape } from '../../shared/types.js';
import type { ServerMessage } from '../../shared/transport.js';
import { createMemoryLogger } from '../../electron/backend/log.js';
import { startHeadlessServer, type HeadlessServer } from '../../electron/server/server.js';
import { makeTempDir, startTestBackend, type TestBackend } from '../backend/helpers.js';
import type { LabInfo } from '../helpers/lab.js';

export interface Rig {
  t: TestBackend;
  server: HeadlessServer;
  wsUrl: string;
  close(): Promise<void>;
}

/** A backend whose known_hosts trusts the lab's sshd, behind a headless server. */
export async function startRig(L: LabInfo): Promise<Rig> {
  const dataDir = await makeTempDir('novacron-consoles-');
  await copyFile(L.knownHosts, join(dataDir, 'known_hosts'));
  const t = await startTestBackend({ dataDir, autoConnect: false });
  const rendererDir = join(dataDir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const server = await startHeadlessServer({ backend: t.backend, rendererDir, port: 0, log: createMemoryLogger() });
  return {
    t,
    server,
    wsUrl: `ws://127.0.0.1:${server.port}/ws?token=${server.token}`,
    async close() {
      await server.close();
      await t.close();
    },
  };
}

type Opened = { ok: true; channel: number; info: Record<string, unknown> } | { ok: false; error: AppErrorShape };

/** One WebSocket client: calls, channels, and every frame it received. */
export class WsClient {
  private nextId = 1;
  private readonly waiters = new Map<number, (m: ServerMessage) => void>();
  readonly data = new Map<number, Buffer[]>();
  readonly closed = new Map<number, AppErrorShape | null>();
  private dataListeners: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw, isBinary) => {
      const buf = raw as Buffer;
      if (isBinary) {
        const id = buf.readUInt32BE(0);
        const list = this.data.get(id) ?? [];
        list.push(buf.subarray(4));
        this.data.set(id, list);
        for (const l of [...this.dataListeners]) l();
        return;
      }
      const msg = JSON.parse(buf.toString()) as ServerMessage;
      if (msg.t === 'result') this.waiters.get(msg.id)?.(msg);
      else if (msg.t === 'closed') {
        this.closed.set(msg.channel, msg.error ?? null);
        for (const l of [...this.dataListeners]) l();
      }
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new WsClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  private request(frame: Record<string, unknown>): Promise<ServerMessage> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiters.set(id, (m) => {
        this.waiters.delete(id);
        resolve(m);
      });
      this.ws.send(JSON.stringify({ ...frame, id }));
    });
  }

  async call(method: string, input: unknown): Promise<unknown> {
    const r = await this.request({ t: 'call', method, input });
    if (r.t !== 'result') throw new Error('not a result');
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  }

  async openChannel(kind: string, input: unknown): Promise<Opened> {
    const r = await this.request({ t: 'open', kind, input });
    if (r.t !== 'result') throw new Error('not a result');
    if (!r.ok) return { ok: false, error: r.error };
    const v = r.value as { channel: number; info: Record<string, unknown> };
    return { ok: true, channel: v.channel, info: v.info };
  }

  send(channel: number, bytes: Uint8Array | string): void {
    const payload = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
    const frame = Buffer.alloc(4 + payload.length);
    frame.writeUInt32BE(channel, 0);
    payload.copy(frame, 4);
    this.ws.send(frame, { binary: true });
  }

  closeChannel(channel: number): void {
    this.ws.send(JSON.stringify({ t: 'close', channel }));
  }

  text(channel: number): string {
    return Buffer.concat(this.data.get(channel) ?? []).toString('latin1');
  }

  bytes(channel: number): Buffer {
    return Buffer.concat(this.data.get(channel) ?? []);
  }

  /** Waits until `test` holds (checked on every frame), or fails after `ms`. */
  waitFor(test: () => boolean, what: string, ms = 20_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.dataListeners = this.dataListeners.filter((l) => l !== check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.dataListeners = this.dataListeners.filter((l) => l !== check);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      this.dataListeners.push(check);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** This process's established TCP connections to 127.0.0.1:`port` (its SSH sessions to the lab's sshd). */
export function sshConnectionsOfThisProcess(port: number): number {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${port} )`], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(`pid=${process.pid},`)).length;
}
