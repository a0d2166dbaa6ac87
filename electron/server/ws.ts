/**
 * The contract over a WebSocket (shared/transport.ts): calls in, results and
 * events out. Only upgrades that passed the server's checks reach here.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import type { ServerMessage } from '../../shared/transport.js';
import type { Backend } from '../backend/api.js';
import type { Logger } from '../backend/log.js';

const ClientMessage = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(200),
  input: z.unknown(),
});

const MAX_MESSAGE_BYTES = 1024 * 1024;
const PING_EVERY_MS = 30_000;

export interface WsHub {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

function send(ws: WebSocket, msg: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

function parse(data: RawData): z.infer<typeof ClientMessage> | null {
  try {
    const r = ClientMessage.safeParse(JSON.parse(data.toString()));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function createWsHub(backend: Backend, log: Logger): WsHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();

  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data, isBinary) => {
      const msg = isBinary ? null : parse(data);
      // Without a valid id there is nothing to answer to: a client this broken is cut off.
      if (!msg) return ws.close(1008, 'malformed message');
      void backend.invoke(msg.method, msg.input).then((r) => send(ws, { t: 'result', id: msg.id, ...r }));
    });
    ws.on('error', (e) => log.warn('websocket error', e));
  });

  const offEvents = backend.onEvent((name, payload) => {
    for (const ws of wss.clients) send(ws, { t: 'event', name, payload });
  });

  // Dead peers (a closed laptop lid) would otherwise keep receiving events forever.
  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) ws.terminate();
      else {
        alive.set(ws, false);
        ws.ping();
      }
    }
  }, PING_EVERY_MS);
  pinger.unref();

  return {
    upgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      clearInterval(pinger);
      offEvents();
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
