/**
 * The preload: exposes exactly the Bridge and ChannelBridge (shared/transport.ts) as
 * `window.novacron`, over the IPC_PREFIX channels, and nothing else: no
 * ipcRenderer, no event objects, no Node. Built as CommonJS because a
 * sandboxed preload cannot be an ES module; it imports only type
 * declarations and the zod-free channel names.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNEL_CLOSE, IPC_CHANNEL_EVENT, IPC_CHANNEL_OPEN, IPC_CHANNEL_SEND, IPC_EVENT, IPC_INVOKE } from '../shared/ipc.js';
import type { Bridge, ChannelBridge, ChannelEvent } from '../shared/transport.js';

type InvokeResult = Awaited<ReturnType<Bridge['invoke']>>;

type OpenResult = Awaited<ReturnType<ChannelBridge['openChannel']>>;

const isChannelId = (c: unknown): c is number => typeof c === 'number' && Number.isInteger(c) && c > 0;

const bridge: Bridge & ChannelBridge = {
  invoke(method, input) {
    if (typeof method !== 'string')
      return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: 'method must be a string' } });
    return ipcRenderer.invoke(IPC_INVOKE, method, input) as Promise<InvokeResult>;
  },
  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    // The IPC event object stays here: handing it over would expose `sender` (ipcRenderer itself).
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
  openChannel(kind, input) {
    if (typeof kind !== 'string') return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: 'kind must be a string' } });
    return ipcRenderer.invoke(IPC_CHANNEL_OPEN, kind, input) as Promise<OpenResult>;
  },
  sendChannel(channel, data) {
    if (!isChannelId(channel) || !(data instanceof Uint8Array)) return;
    ipcRenderer.send(IPC_CHANNEL_SEND, channel, data);
  },
  closeChannel(channel) {
    if (isChannelId(channel)) ipcRenderer.send(IPC_CHANNEL_CLOSE, channel);
  },
  onChannel(listener) {
    if (typeof listener !== 'function') throw new TypeError('onChannel needs a function');
    const handler = (_event: IpcRendererEvent, channel: unknown, ev: unknown) => {
      if (isChannelId(channel) && typeof ev === 'object' && ev !== null) listener(channel, ev as ChannelEvent);
    };
    ipcRenderer.on(IPC_CHANNEL_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNEL_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('novacron', bridge);
