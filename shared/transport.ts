/**
 * The messages of the headless WebSocket transport. The Electron bridge
 * carries the same call/result/event shapes over IPC.
 */
import type { AppErrorShape } from './types.js';

export type ClientMessage =
  | { t: 'call'; id: number; method: string; input: unknown }
  /** Opens a byte channel (shared/channels.ts); answered by a 'result' whose value is ChannelOpened. */
  | { t: 'open'; id: number; kind: string; input: unknown }
  /** Closes a channel; the server confirms with 'closed'. */
  | { t: 'close'; channel: number };

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: AppErrorShape }
  | { t: 'event'; name: string; payload: unknown }
  /**
   * A channel is over (the stream ended, failed, or the client closed it); `error` says why when it
   * was not a clean end. Also the answer to a data frame or close for an id this client has not
   * open (error.code 'not-found'): such frames are refused, never delivered anywhere.
   */
  | { t: 'closed'; channel: number; error?: AppErrorShape };

/**
 * Channel data on the WebSocket: binary frames, both ways, of a 4-byte big-endian channel id
 * followed by the payload. Ids are per WebSocket (per client), chosen by the server at open.
 */
export const CHANNEL_HEADER_BYTES = 4;

/** What opening a channel answers. */
export interface ChannelOpened {
  channel: number;
  info: unknown;
}

export type ChannelEvent = { t: 'data'; data: Uint8Array } | { t: 'closed'; error?: AppErrorShape };

/**
 * The byte-channel half of the bridge (window.novacron has it too; the WebSocket client
 * implements it over binary frames). Kept apart from Bridge so fakes of the call/event half
 * need not implement it.
 */
export interface ChannelBridge {
  openChannel(kind: string, input: unknown): Promise<{ ok: true; value: ChannelOpened } | { ok: false; error: AppErrorShape }>;
  /** Fire and forget; data for a channel that is gone is dropped (and refused by the backend). */
  sendChannel(channel: number, data: Uint8Array): void;
  closeChannel(channel: number): void;
  /** Every channel's data and end; returns an unsubscribe function. */
  onChannel(listener: (channel: number, event: ChannelEvent) => void): () => void;
}

/** The bridge the preload exposes as `window.novacron` (with ChannelBridge), and the WebSocket client mimics. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: AppErrorShape }>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

export const WS_PATH = '/ws';
export const TOKEN_PARAM = 'token';
export const TOKEN_COOKIE = 'novacron_token';
