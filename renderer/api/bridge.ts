/**
 * Picks the transport: the Electron preload's `window.novacron` when present,
 * otherwise the headless server's WebSocket on the page's own origin.
 */
import { WS_PATH, type Bridge } from '../../shared/transport';
import { createLinkStatusStore, type LinkStatusStore } from './link-status';
import { createWsBridge } from './ws-bridge';

declare global {
  interface Window {
    novacron?: Bridge;
  }
}

export const linkStatus: LinkStatusStore = createLinkStatusStore({ state: 'connecting', attempt: 0, wasOpen: false });

let bridge: Bridge | undefined;

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
    bridge = createWsBridge(wsUrl(), linkStatus);
  }
  return bridge;
}
