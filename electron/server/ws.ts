/**
 * The contract over a WebSocket (shared/transport.ts): calls in, results and
 * events out, and byte channels (consoles): opened and closed by text
 * frames, their bytes in binary frames with a 4-byte channel id. Only
 * upgrades that passed the server's checks (token or cookie, Host, Origin)
 * reach here, so a channel exists only on an authenticated socket.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { CHANNEL_HEADER_BYTES, type ServerMessage } from '../../shared/transport.js';
import { createChannelTable } from '../backend/channels/table.js';
import type { Backend } from '../backend/api.js';
import type { Logger } from '../backend/log.js';

const CallFrame = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(200),
  input: z.unknown(),
});

const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Channel bytes queued for a client past which its channels stop reading their sources, and the level they resume at. */
export const CHANNEL_HIGH_WATER_BYTES = 1024 * 1024;
const CHANNEL_LOW_WATER_BYTES = 256 * 1024;
const OpenFrame = z.object({ t: z.literal('open'), id: z.number().int().nonnegative(), kind: z.string().max(100), input: z.unknown() });
const CloseFrame = z.object({ t: z.literal('close'), channel: z.number().int().nonnegative() });
const PING_EVERY_MS = 30_000;
/** Replies queued for a client that does not read them: past this, the client is cut off (1008). */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Calls of one client being answered at once; past this its socket is not read until some finish. */
export const MAX_CALLS_IN_FLIGHT = 256;
/** Calls received beyond that (from reads already done): past this, the client is cut off (1013). */
const MAX_CALLS_WAITING = 8192;

export interface WsHub {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** Queues `msg` unless the socket is going away; cuts off a client whose queue only grows. */
function send(ws: WebSocket, msg: ServerMessage, log: Logger): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(JSON.stringify(msg));
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    log.warn(`closing a WebSocket client that does not read its messages (${ws.bufferedAmount} bytes queued)`);
    ws.close(1008, 'too many unread messages');
  }
}

/**
 * Queues channel bytes; false once the client's queue passed the high-water mark (the channel
 * table then pauses its channels, and `drained` is called when the queue is back under the low one).
 */
function sendChannelData(ws: WebSocket, channel: number, bytes: Uint8Array, drained: () => void, log: Logger): boolean {
  if (ws.readyState !== ws.OPEN) return true;
  const frame = Buffer.allocUnsafe(CHANNEL_HEADER_BYTES + bytes.byteLength);
  frame.writeUInt32BE(channel, 0);
  frame.set(bytes, CHANNEL_HEADER_BYTES);
  ws.send(frame, { binary: true }, () => {
    if (ws.bufferedAmount < CHANNEL_LOW_WATER_BYTES) drained();
  });
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    log.warn(`closing a WebSocket client that does not read its channels (${ws.bufferedAmount} bytes queued)`);
    ws.close(1008, 'too many unread messages');
  }
  return ws.bufferedAmount < CHANNEL_HIGH_WATER_BYTES;
}

type Call = { kind: 'call'; id: number; method: string; input: unknown };
type Frame =
  | Call
  | { kind: 'invalid'; id: number; issues: { path: string; message: string }[] }
  | { kind: 'drop' }
  | { kind: 'open'; id: number; channelKind: string; input: unknown }
  | { kind: 'close'; channel: number };

/**
 * A frame with a usable id always gets an answer, if only an invalid-input error;
 * one without (not JSON, binary, no numeric id) cannot be answered and is dropped.
 */
function parse(data: RawData, isBinary: boolean): Frame {
  if (isBinary) return { kind: 'drop' };
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString());
  } catch {
    return { kind: 'drop' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'drop' };
  const t = (raw as { t?: unknown }).t;
  if (t === 'close') {
    const c = CloseFrame.safeParse(raw);
    return c.success ? { kind: 'close', channel: c.data.channel } : { kind: 'drop' };
  }
  const id = (raw as { id?: unknown }).id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return { kind: 'drop' };
  if (t === 'open') {
    const o = OpenFrame.safeParse(raw);
    if (o.success && Object.hasOwn(raw, 'input')) return { kind: 'open', id, channelKind: o.data.kind, input: o.data.input };
    const issues = o.success
      ? [{ path: 'input', message: 'an open needs an input' }]
      : o.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    return { kind: 'invalid', id, issues };
  }
  const r = CallFrame.safeParse(raw);
  const issues = r.success ? [] : r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  if (!Object.hasOwn(raw, 'input')) issues.push({ path: 'input', message: 'a call needs an input (use {} for none)' });
  if (!r.success || issues.length > 0) return { kind: 'invalid', id, issues };
  return { kind: 'call', id: r.data.id, method: r.data.method, input: r.data.input };
}

export function createWsHub(backend: Backend, log: Logger): WsHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();

  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    // At the cap, the socket stops being read (TCP then holds the client back) and the calls
    // already received wait here: at most what one read of the socket held.
    let inFlight = 0;
    const waiting: Call[] = [];
    const channels = createChannelTable(backend, {
      data: (channel, bytes) => sendChannelData(ws, channel, bytes, () => channels.drained(), log),
      closed: (channel, error) => send(ws, { t: 'closed', channel, ...(error ? { error } : {}) }, log),
    });
    const start = (call: Call): void => {
      inFlight++;
      void backend
        .invoke(call.method, call.input)
        .then((r) => send(ws, { t: 'result', id: call.id, ...r }, log))
        .catch((e: unknown) => log.error('a WebSocket call failed outside the contract', e))
        .finally(() => {
          inFlight--;
          while (ws.readyState === ws.OPEN && inFlight < MAX_CALLS_IN_FLIGHT && waiting.length > 0) start(waiting.shift()!);
          if (waiting.length === 0 && ws.isPaused) ws.resume();
        });
    };
    ws.on('message', (data, isBinary) => {
      if (ws.readyState !== ws.OPEN) return; // being cut off: no more work for it
      if (isBinary) {
        // Channel bytes: [u32 channel id][payload]; the table refuses ids this client has not open.
        const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
        if (buf.length >= CHANNEL_HEADER_BYTES) channels.write(buf.readUInt32BE(0), buf.subarray(CHANNEL_HEADER_BYTES));
        return;
      }
      const frame = parse(data, isBinary);
      if (frame.kind === 'close') return channels.close(frame.channel);
      if (frame.kind === 'open') {
        void channels
          .open(frame.channelKind, frame.input)
          .then((r) => send(ws, { t: 'result', id: frame.id, ...r }, log))
          .catch((e: unknown) => log.error('a WebSocket channel open failed outside the contract', e));
        return;
      }
      // Without a usable id there is nothing to answer to; the other calls go on.
      if (frame.kind === 'drop') return;
      if (frame.kind === 'invalid') {
        const error = {
          code: 'invalid-input' as const,
          message: 'Malformed call: expected {t:"call", id, method, input}.',
          issues: frame.issues,
        };
        return send(ws, { t: 'result', id: frame.id, ok: false, error }, log);
      }
      if (inFlight < MAX_CALLS_IN_FLIGHT && waiting.length === 0) return start(frame);
      waiting.push(frame);
      ws.pause();
      if (waiting.length > MAX_CALLS_WAITING) {
        log.warn(`closing a WebSocket client with more than ${MAX_CALLS_IN_FLIGHT + MAX_CALLS_WAITING} calls unanswered`);
        waiting.length = 0;
        ws.close(1013, 'too many calls in flight');
      }
    });
    ws.on('close', () => {
      waiting.length = 0;
      channels.closeAll();
    });
    ws.on('error', (e) => log.warn('websocket error', e));
  });

  const offEvents = backend.onEvent((name, payload) => {
    for (const ws of wss.clients) send(ws, { t: 'event', name, payload }, log);
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
