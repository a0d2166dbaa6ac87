/**
 * Picks the transport: the Electron preload's `window.novacron` when present,
 * otherwise the headless server's WebSocket on the page's own origin.
 */
import { WS_PATH, type Bridge, type ChannelBridge } from '../../shared/transport';
import { createLinkStatusStore, type LinkStatusStore } from './link-status';
import { createWsBridge } from './ws-bridge';

declare global {
  interface Window {
    novacron?: Bridge & Partial<ChannelBridge>;
  }
}

export const linkStatus: LinkStatusStore = createLinkStatusStore({ state: 'connecting', attempt: 0, wasOpen: false });

let bridge: Bridge | undefined;
let channelBridge: ChannelBridge | undefined;

function wsUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${WS_PATH}`;
}

export function getBridge(): Bridge {
  if (bridge) return bridge;
  if (window.novacron) {
    bridge = window.novacron;
    linkStatus.set({ state: 'open', wasOpen: true });
  } else {
    const ws = createWsBridge(wsUrl(), linkStatus);
    bridge = ws;
    channelBridge = ws;
  }
  return bridge;
}

/** The byte-channel half (consoles): the preload's, or the WebSocket client's. */
export function getChannelBridge(): ChannelBridge {
  if (channelBridge) return channelBridge;
  const b = getBridge();
  const n = window.novacron;
  if (n && b === n && n.openChannel && n.sendChannel && n.closeChannel && n.onChannel) {
    channelBridge = { openChannel: n.openChannel, sendChannel: n.sendChannel, closeChannel: n.closeChannel, onChannel: n.onChannel };
    return channelBridge;
  }
  if (!channelBridge) throw new Error('this shell has no byte channels (consoles)');
  return channelBridge;
}
