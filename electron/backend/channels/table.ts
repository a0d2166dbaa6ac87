/**
 * The channels of one client (one WebSocket, one Electron window): ids,
 * refusal of frames for ids the client has not open, flow control towards a
 * slow client, and cleanup when it goes away. Both transports use it, so the
 * rules are the same on both.
 */
import type { AppErrorShape } from '../../../shared/types.js';
import type { ChannelOpened } from '../../../shared/transport.js';
import type { Backend } from '../api.js';
import type { BackendChannel } from './types.js';

/** Channels one client may hold at once. */
export const MAX_CHANNELS_PER_CLIENT = 32;
/** Data a channel may produce before the client learnt its id (the open's answer is on its way). */
const PRE_OPEN_BUFFER_BYTES = 1024 * 1024;

/** What the table needs from a transport. */
export interface ChannelTransport {
  /** Bytes for the client; false when the transport is backed up (the table then pauses every channel until drained()). */
  data(channel: number, bytes: Uint8Array): boolean;
  /** Tells the client a channel is over (or was never open: error.code 'not-found'). */
  closed(channel: number, error?: AppErrorShape): void;
}

export type OpenAnswer = { ok: true; value: ChannelOpened } | { ok: false; error: AppErrorShape };

export interface ChannelTable {
  open(kind: unknown, input: unknown): Promise<OpenAnswer>;
  /** Bytes from the client for `channel`; refused (closed with 'not-found') when it is not open. */
  write(channel: number, bytes: Uint8Array): void;
  close(channel: number): void;
  /** The transport can take more again. */
  drained(): void;
  /** The client went away. */
  closeAll(): void;
  readonly size: number;
}

interface Entry {
  channel: BackendChannel | null;
  /** Data that arrived before the open's answer went out. */
  early: Uint8Array[] | null;
  earlyBytes: number;
  ended: boolean;
}

function notOpen(channel: number): AppErrorShape {
  return { code: 'not-found', message: `No channel ${channel} is open on this connection; the frame was refused.` };
}

export function createChannelTable(backend: Pick<Backend, 'openChannel'>, transport: ChannelTransport): ChannelTable {
  const entries = new Map<number, Entry>();
  let nextId = 1;
  let paused = false;
  let gone = false;

  function forward(id: number, entry: Entry, bytes: Uint8Array): void {
    if (entry.early) {
      entry.early.push(bytes);
      entry.earlyBytes += bytes.byteLength;
      if (entry.earlyBytes > PRE_OPEN_BUFFER_BYTES)
        finish(id, entry, { code: 'internal', message: 'The channel produced data before it was open.' });
      return;
    }
    if (!transport.data(id, bytes) && !paused) {
      paused = true;
      for (const e of entries.values()) e.channel?.pause();
    }
  }

  function finish(id: number, entry: Entry, error?: AppErrorShape): void {
    if (entry.ended) return;
    entry.ended = true;
    if (entries.get(id) === entry) entries.delete(id);
    // Not answered yet: the open's answer carries the failure instead (see open()).
    if (!entry.early) transport.closed(id, error);
  }

  return {
    get size() {
      return entries.size;
    },
    async open(kind, input) {
      if (gone) return { ok: false, error: { code: 'not-connected', message: 'The client is gone.' } };
      if (typeof kind !== 'string') return { ok: false, error: { code: 'invalid-input', message: 'A channel kind must be a string.' } };
      if (entries.size >= MAX_CHANNELS_PER_CLIENT) {
        return {
          ok: false,
          error: { code: 'conflict', message: `At most ${MAX_CHANNELS_PER_CLIENT} consoles can be open at once; close one first.` },
        };
      }
      const id = nextId++;
      const entry: Entry = { channel: null, early: [], earlyBytes: 0, ended: false };
      entries.set(id, entry);
      let endedEarly: AppErrorShape | undefined;
      const result = await backend.openChannel(kind, input, {
        data: (bytes) => {
          if (!entry.ended) forward(id, entry, bytes);
        },
        end: (error) => {
          if (entry.early && !entry.ended) endedEarly = error;
          finish(id, entry, error);
        },
      });
      if (!result.ok) {
        entries.delete(id);
        entry.ended = true;
        return { ok: false, error: result.error };
      }
      entry.channel = result.channel;
      if (gone) {
        result.channel.close();
        return { ok: false, error: { code: 'not-connected', message: 'The client is gone.' } };
      }
      // The answer goes out first; the data and end that came meanwhile follow it (queueMicrotask keeps the order).
      const early = entry.early ?? [];
      entry.early = null;
      queueMicrotask(() => {
        for (const bytes of early) if (!transport.data(id, bytes)) paused = true;
        if (entry.ended) transport.closed(id, endedEarly);
        else if (paused) result.channel.pause();
        else result.channel.resume();
      });
      return { ok: true, value: { channel: id, info: result.info } };
    },
    write(channel, bytes) {
      const entry = entries.get(channel);
      if (!entry || entry.ended || !entry.channel) return transport.closed(channel, notOpen(channel));
      entry.channel.write(bytes);
    },
    close(channel) {
      const entry = entries.get(channel);
      if (!entry || entry.ended) return transport.closed(channel, notOpen(channel));
      entry.ended = true;
      entries.delete(channel);
      entry.channel?.close();
      transport.closed(channel);
    },
    drained() {
      if (!paused) return;
      paused = false;
      for (const e of entries.values()) if (!e.early) e.channel?.resume();
    },
    closeAll() {
      gone = true;
      for (const [id, entry] of [...entries]) {
        entry.ended = true;
        entries.delete(id);
        entry.channel?.close();
      }
    },
  };
}
