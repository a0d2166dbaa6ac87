/**
 * The preload: exposes exactly the Bridge (shared/transport.ts) as
 * `window.novacron`, over the two IPC_PREFIX channels, and nothing else: no
 * ipcRenderer, no event objects, no Node. Built as CommonJS because a
 * sandboxed preload cannot be an ES module; it imports only type
 * declarations and the zod-free channel names.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../shared/ipc.js';
import type { Bridge } from '../shared/transport.js';

type InvokeResult = Awaited<ReturnType<Bridge['invoke']>>;

const bridge: Bridge = {
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
};

contextBridge.exposeInMainWorld('novacron', bridge);
