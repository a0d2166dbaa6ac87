/**
 * The headless transport: the Bridge over a WebSocket authorised by the
 * session cookie. Reconnects with capped, jittered backoff. Calls made while
 * the link is down wait in a queue for a while and then fail clearly; calls
 * in flight when the link drops fail at once (their outcome is unknown).
 */
import type { AppErrorShape } from '../../shared/types';
import {
  CHANNEL_HEADER_BYTES,
  type Bridge,
  type ChannelBridge,
  type ChannelEvent,
  type ChannelOpened,
  type ClientMessage,
  type ServerMessage,
} from '../../shared/transport';
import type { LinkStatusStore } from './link-status';

type CallResult = { ok: true; value: unknown } | { ok: false; error: AppErrorShape };

interface PendingCall {
  message: Extract<ClientMessage, { id: number }>;
  sent: boolean;
  resolve: (r: CallResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

const QUEUED_CALL_TIMEOUT_MS = 15_000;
const CALL_TIMEOUT_MS = 180_000;
const BACKOFF_MS = [300, 600, 1_200, 2_500, 5_000, 8_000];

function failure(code: AppErrorShape['code'], message: string): CallResult {
  return { ok: false, error: { code, message } };
}

const LINK_DROPPED: AppErrorShape = { code: 'unreachable', message: 'The link to the NovaCron backend dropped.' };

export function createWsBridge(url: string, status: LinkStatusStore): Bridge & ChannelBridge {
  const calls = new Map<number, PendingCall>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const channelListeners = new Set<(channel: number, event: ChannelEvent) => void>();
  /** Channels open on the current socket: they end with it. */
  const openChannels = new Set<number>();
  const emitChannel = (channel: number, event: ChannelEvent) => {
    for (const l of [...channelListeners]) l(channel, event);
  };
  const callName = (m: PendingCall['message']) => (m.t === 'open' ? `channel ${m.kind}` : m.method);
  let socket: WebSocket | undefined;
  let nextId = 1;

  function settle(id: number, result: CallResult): void {
    const call = calls.get(id);
    if (!call) return;
    calls.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
  }

  function send(call: PendingCall): void {
    if (socket?.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify(call.message));
    call.sent = true;
    clearTimeout(call.timer);
    call.timer = setTimeout(
      () => settle(call.message.id, failure('timeout', `The backend did not answer ${callName(call.message)} in time.`)),
      CALL_TIMEOUT_MS,
    );
  }

  function onMessage(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      // Channel bytes: [u32 channel id][payload].
      if (data.byteLength < CHANNEL_HEADER_BYTES) return;
      const channel = new DataView(data).getUint32(0);
      if (openChannels.has(channel)) emitChannel(channel, { t: 'data', data: new Uint8Array(data, CHANNEL_HEADER_BYTES) });
      return;
    }
    if (typeof data !== 'string') return;
    let msg: ServerMessage;
    try {
      msg = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (msg.t === 'result') {
      settle(msg.id, msg.ok ? { ok: true, value: msg.value } : { ok: false, error: msg.error });
    } else if (msg.t === 'event') {
      for (const l of [...listeners]) l(msg.name, msg.payload);
    } else if (msg.t === 'closed') {
      openChannels.delete(msg.channel);
      emitChannel(msg.channel, msg.error ? { t: 'closed', error: msg.error } : { t: 'closed' });
    }
  }

  function connect(): void {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      status.set({ state: 'open', attempt: 0, wasOpen: true });
      for (const call of calls.values()) if (!call.sent) send(call);
    };
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      // The channels lived on that socket: they are over (their owners may open new ones).
      const dropped = [...openChannels];
      openChannels.clear();
      for (const channel of dropped) emitChannel(channel, { t: 'closed', error: LINK_DROPPED });
      for (const [id, call] of [...calls]) {
        if (call.sent) {
          settle(
            id,
            failure(
              'unreachable',
              'The link to the NovaCron backend dropped before the answer arrived; the request may or may not have run.',
            ),
          );
        }
      }
      const attempt = status.get().attempt + 1;
      status.set({ state: 'reconnecting', attempt });
      const base = BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)] ?? 8_000;
      setTimeout(connect, base * (0.8 + Math.random() * 0.4));
    };
  }

  connect();

  return {
    invoke(method, input) {
      return new Promise<CallResult>((resolve) => {
        const id = nextId++;
        const call: PendingCall = {
          message: { t: 'call', id, method, input },
          sent: false,
          resolve,
          timer: setTimeout(
            () =>
              settle(
                id,
                failure(
                  'unreachable',
                  'The NovaCron backend is not reachable (reconnecting); the request was not sent. Try again once the connection is back.',
                ),
              ),
            QUEUED_CALL_TIMEOUT_MS,
          ),
        };
        calls.set(id, call);
        send(call);
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openChannel(kind, input) {
      return new Promise((resolve) => {
        const id = nextId++;
        const call: PendingCall = {
          message: { t: 'open', id, kind, input },
          sent: false,
          resolve: (r) => {
            if (!r.ok) return resolve(r);
            const opened = r.value as ChannelOpened;
            // Opened on a socket that is gone already: the channel died with it.
            if (!socket || socket.readyState !== WebSocket.OPEN) return resolve({ ok: false, error: LINK_DROPPED });
            openChannels.add(opened.channel);
            resolve({ ok: true, value: opened });
          },
          timer: setTimeout(
            () => settle(id, failure('unreachable', 'The NovaCron backend is not reachable (reconnecting); the console was not opened.')),
            QUEUED_CALL_TIMEOUT_MS,
          ),
        };
        calls.set(id, call);
        send(call);
      });
    },
    sendChannel(channel, data) {
      if (!openChannels.has(channel) || socket?.readyState !== WebSocket.OPEN) return;
      const frame = new Uint8Array(CHANNEL_HEADER_BYTES + data.byteLength);
      new DataView(frame.buffer).setUint32(0, channel);
      frame.set(data, CHANNEL_HEADER_BYTES);
      socket.send(frame);
    },
    closeChannel(channel) {
      if (!openChannels.delete(channel)) return;
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ t: 'close', channel } satisfies ClientMessage));
    },
    onChannel(listener) {
      channelListeners.add(listener);
      return () => channelListeners.delete(listener);
    },
  };
}
