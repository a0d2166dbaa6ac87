/**
 * A stand-in for the 'electron' module (there is no Electron binary on these
 * machines), bundled into main.ts / preload.ts by the shell test through an
 * esbuild alias. It records what the shell asks of Electron so the test can
 * check the security settings and drive the IPC handlers.
 */
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

export interface FakeConfig {
  encryptionAvailable: boolean;
  storageBackend: string;
}

export interface FakeRecord {
  config: FakeConfig;
  sandboxed: boolean;
  privileged: unknown[];
  ipcHandlers: Map<string, Handler>;
  /** ipcMain.on listeners (one-way messages: channel data and close). */
  ipcListeners: Map<string, Handler>;
  protocolHandlers: Map<string, Handler>;
  windows: BrowserWindow[];
  permissionRequest: Handler | null;
  permissionCheck: Handler | null;
  exposed: [string, unknown][];
  rendererListeners: Map<string, Handler[]>;
  rendererInvokes: unknown[][];
  rendererSends: unknown[][];
}

const g = globalThis as { __fakeElectron?: FakeRecord; __fakeElectronConfig?: FakeConfig };
const rec: FakeRecord = {
  config: g.__fakeElectronConfig ?? { encryptionAvailable: false, storageBackend: 'basic_text' },
  sandboxed: false,
  privileged: [],
  ipcHandlers: new Map(),
  ipcListeners: new Map(),
  protocolHandlers: new Map(),
  windows: [],
  permissionRequest: null,
  permissionCheck: null,
  exposed: [],
  rendererListeners: new Map(),
  rendererInvokes: [],
  rendererSends: [],
};
g.__fakeElectron = rec;

class FakeWebContents extends EventEmitter {
  readonly mainFrame = { url: 'novacron://app/index.html' };
  readonly sent: unknown[][] = [];
  windowOpenHandler: Handler | null = null;
  setWindowOpenHandler(h: Handler): void {
    this.windowOpenHandler = h;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed = () => false;
}

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  enableSandbox: () => void (rec.sandboxed = true),
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  getPath: () => '/nonexistent-userdata',
  getVersion: () => '0.0.0-test',
  quit: () => undefined,
  exit: () => undefined,
});

export class BrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  url = '';
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    rec.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows(): BrowserWindow[] {
    return rec.windows;
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  show = () => undefined;
  restore = () => undefined;
  focus = () => undefined;
}

export const protocol = { registerSchemesAsPrivileged: (s: unknown[]) => void rec.privileged.push(...s) };

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h: Handler) => void (rec.permissionRequest = h),
    setPermissionCheckHandler: (h: Handler) => void (rec.permissionCheck = h),
    protocol: { handle: (scheme: string, h: Handler) => void rec.protocolHandlers.set(scheme, h) },
  },
};

/** Desktop notifications (alerts): never shown here. */
export class Notification {
  static isSupported = () => false;
  constructor(readonly options: unknown) {}
  show = () => undefined;
}

export const ipcMain = {
  handle: (channel: string, h: Handler) => void rec.ipcHandlers.set(channel, h),
  on: (channel: string, h: Handler) => void rec.ipcListeners.set(channel, h),
};

// Reversible, and visibly not plain text.
export const safeStorage = {
  isEncryptionAvailable: () => rec.config.encryptionAvailable,
  getSelectedStorageBackend: () => rec.config.storageBackend,
  encryptString: (s: string) => Buffer.from(s, 'utf8').reverse(),
  decryptString: (b: Buffer) => Buffer.from(b).reverse().toString('utf8'),
};

export const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => void rec.exposed.push([key, api]) };

export const ipcRenderer = {
  invoke: (...args: unknown[]) => {
    rec.rendererInvokes.push(args);
    return Promise.resolve({ ok: true, value: 'fake' });
  },
  send: (...args: unknown[]) => void rec.rendererSends.push(args),
  on: (channel: string, h: Handler) => void rec.rendererListeners.set(channel, [...(rec.rendererListeners.get(channel) ?? []), h]),
  removeListener: (channel: string, h: Handler) =>
    void rec.rendererListeners.set(
      channel,
      (rec.rendererListeners.get(channel) ?? []).filter((x) => x !== h),
    ),
};
