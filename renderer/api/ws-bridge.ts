/**
 * The headless transport: the Bridge over a WebSocket authorised by the
 * session cookie. Reconnects with capped, jittered backoff. Calls made while
 * the link is down wait in a queue for a while and then fail clearly; calls
 * in flight when the link drops fail at once (their outcome is unknown).
 */
import type { AppErrorShape } from '../../shared/types';
import type { Bridge, ClientMessage, ServerMessage } from '../../shared/transport';
import type { LinkStatusStore } from './link-status';

type CallResult = { ok: true; value: unknown } | { ok: false; error: AppErrorShape };

interface PendingCall {
  message: ClientMessage;
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

export function createWsBridge(url: string, status: LinkStatusStore): Bridge {
  const calls = new Map<number, PendingCall>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
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
      () => settle(call.message.id, failure('timeout', `The backend did not answer ${call.message.method} in time.`)),
      CALL_TIMEOUT_MS,
    );
  }

  function onMessage(data: unknown): void {
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
    }
  }

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      status.set({ state: 'open', attempt: 0, wasOpen: true });
      for (const call of calls.values()) if (!call.sent) send(call);
    };
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
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
  };
}
