/**
 * The Electron shell, and the only main-process file that imports 'electron':
 * one hardened window on the built renderer, served from our own
 * novacron://app origin; the backend behind one IPC channel whose sender is
 * checked; OS-keychain secrets via safeStorage. All app logic lives in
 * electron/backend (plain Node, shared with the headless console).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  session,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { IPC_CHANNEL_CLOSE, IPC_CHANNEL_EVENT, IPC_CHANNEL_OPEN, IPC_CHANNEL_SEND, IPC_EVENT, IPC_INVOKE } from '../shared/ipc.js';
import { createChannelTable, type ChannelTable } from './backend/channels/table.js';
import { createAlertNotices } from './backend/alerts/notify.js';
import { createBackend, type Backend } from './backend/api.js';
import { createEncryptedSecretStore } from './backend/credentials/encrypted-store.js';
import { noSecretStore, type SecretStore } from './backend/credentials/secret-store.js';
import { createStderrLogger, type Logger } from './backend/log.js';
import { dataFiles } from './backend/paths.js';
import { buildCsp } from './server/headers.js';
import { rendererDir } from './server/locate.js';
import { resolveStatic } from './server/static.js';

const SCHEME = 'novacron';
const HOST = 'app';
const START_URL = `${SCHEME}://${HOST}/index.html`;
const CSP = buildCsp();

const here = dirname(fileURLToPath(import.meta.url));
const log = createStderrLogger('novacron-main');
let backend: Backend | null = null;
let mainWindow: BrowserWindow | null = null;

// Before 'ready': a standard, secure scheme gives the renderer a real origin
// (novacron://app) instead of file://, which would share an origin with every local file.
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

function isOurUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === `${SCHEME}:` && u.host === HOST;
  } catch {
    return false;
  }
}

/** Only our window's main frame, showing our own page, may call the backend. */
function trustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame;
  return (
    frame !== null &&
    mainWindow !== null &&
    event.sender === mainWindow.webContents &&
    frame === event.sender.mainFrame &&
    isOurUrl(frame.url)
  );
}

async function serveApp(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== HOST) return new Response('Not found', { status: 404 });
  const out = await resolveStatic(rendererDir(here), url.pathname);
  const headers = { 'Content-Type': out.type, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' };
  return new Response(out.body, { status: out.status, headers });
}

/**
 * safeStorage on Linux may fall back to 'basic_text' (a hard-coded key) when
 * no keyring is running; that is no protection, so it counts as unavailable.
 */
async function createSecretStore(dataDir: string, logger: Logger): Promise<SecretStore> {
  const usable =
    safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  if (!usable) {
    logger.warn('no OS keychain is available: secrets will not be remembered');
    return noSecretStore;
  }
  return createEncryptedSecretStore(
    dataFiles(dataDir).secrets,
    {
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (cipher) => safeStorage.decryptString(cipher),
    },
    logger,
  );
}

/** Every web contents (including any a bug might create): no navigation, no new windows, no webviews. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'NovaCron',
    show: false,
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(START_URL);
  return win;
}

async function start(): Promise<void> {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.protocol.handle(SCHEME, serveApp);

  const dataDir = process.env.NOVACRON_DATA_DIR || app.getPath('userData');
  backend = await createBackend({
    dataDir,
    secretStore: await createSecretStore(dataDir, log),
    shell: 'electron',
    version: app.getVersion(),
    log,
  });
  backend.onEvent((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT, name, payload);
  });
  // Desktop notifications for alerts that fire (the backend decides which; the shell only shows them).
  const notices = createAlertNotices();
  backend.onEvent((name, payload) => {
    const n = notices(name, payload);
    if (n && Notification.isSupported()) new Notification({ title: n.title, body: n.body, urgency: n.urgency }).show();
  });
  ipcMain.handle(IPC_INVOKE, (event, method: unknown, input: unknown) => {
    if (!trustedSender(event)) {
      log.warn(`refused an IPC call from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return { ok: false, error: { code: 'invalid-input', message: 'This frame may not call NovaCron.' } };
    }
    if (!backend) return { ok: false, error: { code: 'not-connected', message: 'NovaCron is starting or stopping.' } };
    return backend.invoke(typeof method === 'string' ? method : '', input);
  });
  registerChannels();
  mainWindow = createWindow();
}

/**
 * Byte channels (consoles) over IPC, for our window's main frame only (trustedSender), one
 * table per page load: a reload or a closed window closes its channels. IPC has no
 * backpressure to report, so the table never pauses a channel here.
 */
function registerChannels(): void {
  let table: { contents: WebContents; table: ChannelTable } | null = null;
  const tableFor = (contents: WebContents): ChannelTable | null => {
    if (!backend) return null;
    if (table?.contents === contents) return table.table;
    table?.table.closeAll();
    const b = backend;
    const t = createChannelTable(b, {
      data(channel, data) {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNEL_EVENT, channel, { t: 'data', data });
        return true;
      },
      closed(channel, error) {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNEL_EVENT, channel, { t: 'closed', ...(error ? { error } : {}) });
      },
    });
    const drop = () => {
      t.closeAll();
      if (table?.table === t) table = null;
    };
    contents.once('destroyed', drop);
    contents.once('did-navigate', drop); // a reload (hash routes are in-page: did-navigate-in-page)
    contents.once('render-process-gone', drop);
    table = { contents, table: t };
    return t;
  };
  ipcMain.handle(IPC_CHANNEL_OPEN, (event, kind: unknown, input: unknown) => {
    if (!trustedSender(event)) {
      log.warn(`refused a channel from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return { ok: false, error: { code: 'invalid-input', message: 'This frame may not open channels.' } };
    }
    const t = tableFor(event.sender);
    if (!t) return { ok: false, error: { code: 'not-connected', message: 'NovaCron is starting or stopping.' } };
    return t.open(kind, input);
  });
  ipcMain.on(IPC_CHANNEL_SEND, (event, channel: unknown, data: unknown) => {
    if (!trustedSender(event) || typeof channel !== 'number' || !(data instanceof Uint8Array)) return;
    tableFor(event.sender)?.write(channel, data);
  });
  ipcMain.on(IPC_CHANNEL_CLOSE, (event, channel: unknown) => {
    if (!trustedSender(event) || typeof channel !== 'number') return;
    tableFor(event.sender)?.close(channel);
  });
}

if (!app.requestSingleInstanceLock()) {
  // Two instances would write the same store and race on known_hosts.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => lockDown(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (backend && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting || !backend) return;
    // Close libvirt connections (CONNECT_CLOSE) before the process goes.
    e.preventDefault();
    quitting = true;
    const b = backend;
    backend = null;
    void b.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      log.error('startup failed', e);
      app.exit(1);
    });
}
