/**
 * Every byte channel of the contract (define.ts: ChannelSpec), by kind. A
 * resource with channels adds its table here, one line.
 */
import type { z } from 'zod';
import { consoleChannels } from './contract/consoles.js';
import { volumeTransferChannels } from './contract/volume-transfer.js';

// prettier-ignore
export const channels = {
  ...consoleChannels,
  ...volumeTransferChannels,
};

export type Channels = typeof channels;
export type ChannelKind = keyof Channels;
export type ChannelInput<K extends ChannelKind> = z.input<Channels[K]['input']>;
export type ChannelInfo<K extends ChannelKind> = z.output<Channels[K]['info']>;

export function isChannelKind(k: string): k is ChannelKind {
  return Object.hasOwn(channels, k);
}
