/**
 * The messages of the headless WebSocket transport. The Electron bridge
 * carries the same call/result/event shapes over IPC.
 */
import type { AppErrorShape } from './types.js';

export type ClientMessage = { t: 'call'; id: number; method: string; input: unknown };

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: AppErrorShape }
  | { t: 'event'; name: string; payload: unknown };

/** The bridge the preload exposes as `window.novacron`, and the WebSocket client mimics. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: AppErrorShape }>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

export const WS_PATH = '/ws';
export const TOKEN_PARAM = 'token';
export const TOKEN_COOKIE = 'novacron_token';
