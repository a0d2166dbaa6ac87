/**
 * Typed byte channels (shared/channels.ts) over whichever bridge runs: open
 * one with a checked kind and input, get its info, send bytes, hear its data
 * and its end. One listener on the bridge dispatches to the open handles.
 */
import { channels, type ChannelInfo, type ChannelInput, type ChannelKind } from '../../shared/api';
import type { ChannelBridge, ChannelEvent } from '../../shared/transport';
import type { AppErrorShape } from '../../shared/types';
import { getChannelBridge } from './bridge';
import { ApiError } from './errors';

export interface ChannelHandle<K extends ChannelKind> {
  readonly id: number;
  readonly info: ChannelInfo<K>;
  readonly isClosed: boolean;
  send(data: Uint8Array | string): void;
  close(): void;
  /** Returns an unsubscribe function. */
  onData(listener: (data: Uint8Array) => void): () => void;
  /** Called once, when the channel ends: `error` unless it was a clean end or our own close(). */
  onClose(listener: (error?: AppErrorShape) => void): () => void;
}

interface Route {
  data(d: Uint8Array): void;
  closed(error?: AppErrorShape): void;
}

const routes = new Map<number, Route>();
/** Events for ids not claimed yet (they can overtake the open's answer on some transports). */
const early = new Map<number, ChannelEvent[]>();
let subscribed: ChannelBridge | null = null;
const encoder = new TextEncoder();

function subscribe(bridge: ChannelBridge): void {
  if (subscribed === bridge) return;
  subscribed = bridge;
  bridge.onChannel((id, ev) => {
    const route = routes.get(id);
    if (!route) {
      const list = early.get(id) ?? [];
      if (list.length < 256) list.push(ev);
      early.set(id, list);
      if (early.size > 64) early.delete(early.keys().next().value!);
      return;
    }
    if (ev.t === 'data') route.data(ev.data);
    else route.closed(ev.error);
  });
}

export async function openChannel<K extends ChannelKind>(kind: K, input: ChannelInput<K>): Promise<ChannelHandle<K>> {
  const bridge = getChannelBridge();
  subscribe(bridge);
  const checked = channels[kind].input.safeParse(input);
  if (!checked.success) {
    throw new ApiError({
      code: 'invalid-input',
      message: `Invalid input for channel ${kind}.`,
      issues: checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  let r;
  try {
    r = await bridge.openChannel(kind, checked.data);
  } catch (e) {
    throw ApiError.fromUnknown(e, `open ${kind}`);
  }
  if (!r.ok) throw ApiError.fromUnknown(r.error, `open ${kind}`);
  const id = r.value.channel;
  const info = channels[kind].info.safeParse(r.value.info);
  if (!info.success) {
    bridge.closeChannel(id);
    throw new ApiError({ code: 'internal', message: `The backend's answer to opening ${kind} does not match the contract.` });
  }

  const dataListeners = new Set<(d: Uint8Array) => void>();
  /** Data before the first data listener (kept, up to a bound, so none is lost while the owner sets up). */
  let unheard: Uint8Array[] | null = [];
  let unheardBytes = 0;
  const closeListeners = new Set<(error?: AppErrorShape) => void>();
  let closed = false;
  const end = (error?: AppErrorShape) => {
    if (closed) return;
    closed = true;
    routes.delete(id);
    for (const l of [...closeListeners]) l(error);
    dataListeners.clear();
    closeListeners.clear();
  };
  const handle: ChannelHandle<K> = {
    id,
    info: info.data as ChannelInfo<K>,
    get isClosed() {
      return closed;
    },
    send(data) {
      if (closed) return;
      bridge.sendChannel(id, typeof data === 'string' ? encoder.encode(data) : data);
    },
    close() {
      if (closed) return;
      bridge.closeChannel(id);
      end();
    },
    onData(listener) {
      dataListeners.add(listener);
      const held = unheard;
      unheard = null;
      for (const d of held ?? []) listener(d);
      return () => dataListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
  routes.set(id, {
    data: (d) => {
      if (unheard) {
        if (unheardBytes < 4 * 1024 * 1024) unheard.push(d);
        unheardBytes += d.byteLength;
        return;
      }
      for (const l of [...dataListeners]) l(d);
    },
    closed: end,
  });
  // Replay what came before the handle existed, after the caller attached its listeners.
  const before = early.get(id);
  early.delete(id);
  if (before) {
    // A task, not a microtask: the caller's `await` continuation (which attaches the listeners) runs first.
    setTimeout(() => {
      for (const ev of before) {
        const route = routes.get(id);
        if (!route) break;
        if (ev.t === 'data') route.data(ev.data);
        else route.closed(ev.error);
      }
    }, 0);
  }
  return handle;
}

/** A channel end that a retry may heal: the link (to the host or to the backend) dropped. */
export function isLinkLoss(error: AppErrorShape | undefined): boolean {
  return error !== undefined && (error.code === 'not-connected' || error.code === 'unreachable' || error.code === 'timeout');
}
