/**
 * The backend side of a byte channel (shared/channels.ts): a feature opens
 * one for a checked input and hands back the channel and its info; bytes for
 * the client go to the sink. The transports never see a feature: they talk to
 * a ChannelTable (table.ts), one per client.
 */
import type { z } from 'zod';
import type { ChannelInfo, ChannelKind } from '../../../shared/api.js';
import type { Channels } from '../../../shared/channels.js';
import type { AppErrorShape } from '../../../shared/types.js';

/** Where a channel's bytes for the client go. */
export interface ChannelSink {
  data(bytes: Uint8Array): void;
  /** The stream is over (once; later calls are ignored); `error` when it was not a clean end. */
  end(error?: AppErrorShape): void;
}

/** An open channel, as its feature drives it. It starts paused: the table's first resume() starts the flow, once the client knows its id. */
export interface BackendChannel {
  /** Bytes from the client. A feature that cannot keep up ends the channel (sink.end) rather than queue without bound. */
  write(bytes: Uint8Array): void;
  /** The client's transport is backed up: stop reading the source until resume(). */
  pause(): void;
  resume(): void;
  /** The client closed it, or went away: release everything; the sink is not used any more. */
  close(): void;
}

export interface OpenedChannel<K extends ChannelKind> {
  info: ChannelInfo<K>;
  channel: BackendChannel;
}

export type ChannelOpener<K extends ChannelKind> = (input: z.output<Channels[K]['input']>, sink: ChannelSink) => Promise<OpenedChannel<K>>;

/** The openers of the channel kinds K, as a feature declares them. */
export type ChannelOpenersFor<K extends ChannelKind> = { [P in K]: ChannelOpener<P> };

export type OpenChannelResult = { ok: true; info: unknown; channel: BackendChannel } | { ok: false; error: AppErrorShape };
