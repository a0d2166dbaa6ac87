/**
 * The Electron shell and preload, run in plain Node against a recording
 * stand-in for the 'electron' module (no Electron binary exists here):
 * window hardening, navigation/new-window/permission refusals, the IPC
 * sender check, the app:// protocol's CSP, safeStorage, and the exact
 * Bridge the preload exposes. The real bundles are also checked: the preload
 * may require nothing but 'electron'.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNEL_CLOSE, IPC_CHANNEL_EVENT, IPC_CHANNEL_OPEN, IPC_CHANNEL_SEND, IPC_EVENT, IPC_INVOKE } from '../../shared/ipc.js';
import type { Bridge, ChannelBridge } from '../../shared/transport.js';
import { lab } from '../helpers/lab.js';
import type { FakeConfig, FakeRecord } from './fake-electron.js';
import { makeTempDir, removeDir } from './helpers.js';

const CACHE = join(process.cwd(), 'node_modules', '.cache', 'novacron-test');
const g = globalThis as { __fakeElectron?: FakeRecord; __fakeElectronConfig?: FakeConfig };
const dirs: string[] = [];

async function bundle(entry: string, out: string, format: 'esm' | 'cjs', fake: boolean): Promise<string> {
  const outfile = join(CACHE, out);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    packages: 'external',
    logLevel: 'silent',
    ...(fake ? { alias: { electron: join(process.cwd(), 'test/backend/fake-electron.ts') } } : { external: ['electron'] }),
  });
  return outfile;
}

/** Loads a fresh copy of the shell with its own fake Electron and data dir. */
async function loadMain(config: FakeConfig, tag: string): Promise<FakeRecord> {
  const dataDir = await makeTempDir('novacron-shell-');
  dirs.push(dataDir);
  process.env.NOVACRON_DATA_DIR = dataDir;
  g.__fakeElectronConfig = config;
  const file = await bundle('electron/main.ts', `main-${tag}.mjs`, 'esm', true);
  await import(`${pathToFileURL(file).href}?${tag}`);
  const rec = g.__fakeElectron!;
  const deadline = Date.now() + 10_000;
  while (!rec.ipcHandlers.has(IPC_INVOKE) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return rec;
}

type Invoke = (event: unknown, method: unknown, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

afterAll(async () => {
  delete process.env.NOVACRON_DATA_DIR;
  for (const d of dirs) await removeDir(d);
});

describe('electron main (with a stand-in electron module)', () => {
  let rec: FakeRecord;
  beforeAll(async () => {
    rec = await loadMain({ encryptionAvailable: true, storageBackend: 'gnome_libsecret' }, 'keychain');
  });

  it('opens one hardened window on the app origin', () => {
    expect(rec.sandboxed).toBe(true);
    expect(rec.windows).toHaveLength(1);
    const win = rec.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(win.options.webPreferences?.preload)).toMatch(/preload\.cjs$/);
    expect(win.url).toBe('novacron://app/index.html');
    expect(rec.privileged).toEqual([{ scheme: 'novacron', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('refuses navigation, new windows, webviews and every permission', () => {
    const wc = rec.windows[0]!.webContents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      wc.emit(name, { preventDefault: () => void (prevented = true) }, 'https://example.com/');
      expect(prevented, name).toBe(true);
    }
    expect(wc.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    rec.permissionRequest?.(wc, 'media', (ok: boolean) => void (granted = ok));
    expect(granted).toBe(false);
    expect(rec.permissionCheck?.(wc, 'notifications', 'novacron://app', {})).toBe(false);
  });

  it('serves the renderer through the app protocol with a strict CSP', async () => {
    const serve = rec.protocolHandlers.get('novacron') as (r: Request) => Promise<Response>;
    const res = await serve(new Request('novacron://app/index.html'));
    expect([200, 503]).toContain(res.status); // 503 until the renderer is built
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('ws://');
    expect((await serve(new Request('novacron://elsewhere/index.html'))).status).toBe(404);
  });

  it('answers IPC only from our window main frame on our origin', async () => {
    const invoke = rec.ipcHandlers.get(IPC_INVOKE) as Invoke;
    const wc = rec.windows[0]!.webContents;
    const ok = await invoke({ sender: wc, senderFrame: wc.mainFrame }, 'app.info', {});
    expect(ok).toMatchObject({ ok: true, value: { shell: 'electron', secretStorage: true } });

    const subFrame = { url: 'novacron://app/index.html' };
    const evilFrame = { url: 'https://evil.example/' };
    const otherContents = { mainFrame: evilFrame };
    for (const event of [
      { sender: wc, senderFrame: subFrame },
      { sender: wc, senderFrame: null },
      { sender: otherContents, senderFrame: evilFrame },
      { sender: { mainFrame: subFrame }, senderFrame: subFrame },
    ]) {
      const r = await invoke(event, 'app.info', {});
      expect(r.ok).toBe(false);
    }
    wc.mainFrame.url = 'https://evil.example/';
    expect((await invoke({ sender: wc, senderFrame: wc.mainFrame }, 'app.info', {})).ok).toBe(false);
    wc.mainFrame.url = 'novacron://app/index.html';
  });

  it('opens byte channels only for our main frame, and refuses frames for channels not open', async () => {
    const open = rec.ipcHandlers.get(IPC_CHANNEL_OPEN) as Invoke;
    const send = rec.ipcListeners.get(IPC_CHANNEL_SEND)!;
    const close = rec.ipcListeners.get(IPC_CHANNEL_CLOSE)!;
    const wc = rec.windows[0]!.webContents;
    const evil = { sender: { mainFrame: { url: 'https://evil.example/' } }, senderFrame: { url: 'https://evil.example/' } };
    expect(await open(evil, 'console.serial', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const trusted = { sender: wc, senderFrame: wc.mainFrame };
    expect(await open(trusted, 'console.nope', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const noHost = await open(trusted, 'console.serial', { connectionId: 'nope', uuid: '00000000-0000-0000-0000-000000000000' });
    expect(noHost).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const before = wc.sent.length;
    send(evil, 9, new Uint8Array([1]));
    expect(wc.sent.length).toBe(before); // an untrusted sender gets nothing, not even a refusal
    send(trusted, 9, new Uint8Array([1]));
    close(trusted, 10);
    const refusals = wc.sent.slice(before).filter(([ch]) => ch === IPC_CHANNEL_EVENT);
    expect(refusals).toEqual([
      [IPC_CHANNEL_EVENT, 9, { t: 'closed', error: expect.objectContaining({ code: 'not-found' }) }],
      [IPC_CHANNEL_EVENT, 10, { t: 'closed', error: expect.objectContaining({ code: 'not-found' }) }],
    ]);
  });

  it('validates IPC input and pushes backend events to the window', async () => {
    const invoke = rec.ipcHandlers.get(IPC_INVOKE) as Invoke;
    const wc = rec.windows[0]!.webContents;
    const ev = { sender: wc, senderFrame: wc.mainFrame };
    expect(await invoke(ev, 42, {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await invoke(ev, 'connections.add', { name: '' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const added = await invoke(ev, 'connections.add', { name: 'ipc', uri: 'qemu:///system' });
    expect(added.ok).toBe(true);
    expect(wc.sent.some(([ch, name]) => ch === IPC_EVENT && name === 'connection.changed')).toBe(true);
  });

  it('keeps a remembered secret encrypted with safeStorage', async () => {
    const invoke = rec.ipcHandlers.get(IPC_INVOKE) as Invoke;
    const wc = rec.windows[0]!.webContents;
    const ev = { sender: wc, senderFrame: wc.mainFrame };
    const c = (await invoke(ev, 'connections.add', { name: 'remember', uri: 'qemu:///system' })).value as { id: string };
    const r = await invoke(ev, 'connections.connect', { id: c.id, secret: 'top-secret-passphrase', rememberSecret: true });
    // The local daemon ignores the secret; with the lab up the connect succeeds and the secret is stored.
    if (lab) expect(r.ok).toBe(true);
    if (r.ok) {
      const secrets = await readFile(join(process.env.NOVACRON_DATA_DIR!, 'secrets.json'), 'utf8');
      expect(secrets).not.toContain('top-secret-passphrase');
      expect((r.value as { hasStoredSecret: boolean }).hasStoredSecret).toBe(true);
      await invoke(ev, 'connections.disconnect', { id: c.id });
    }
    const db = await readFile(join(process.env.NOVACRON_DATA_DIR!, 'db.json'), 'utf8');
    expect(db).not.toContain('top-secret-passphrase');
  });
});

describe('electron main without a usable keychain', () => {
  it("treats Linux's basic_text backend as no secret storage", async () => {
    const rec = await loadMain({ encryptionAvailable: true, storageBackend: 'basic_text' }, 'basic');
    const invoke = rec.ipcHandlers.get(IPC_INVOKE) as Invoke;
    const wc = rec.windows[0]!.webContents;
    const r = await invoke({ sender: wc, senderFrame: wc.mainFrame }, 'app.info', {});
    expect(r).toMatchObject({ ok: true, value: { secretStorage: false } });
  });
});

describe('preload', () => {
  it('requires nothing but electron once bundled (a sandboxed preload cannot)', async () => {
    const file = await bundle('electron/preload.ts', 'preload.cjs', 'cjs', false);
    const text = await readFile(file, 'utf8');
    const required = [...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
  });

  it('exposes exactly the Bridge on the novacron: channels', async () => {
    const file = await bundle('electron/preload.ts', 'preload-fake.mjs', 'esm', true);
    await import(`${pathToFileURL(file).href}?preload`);
    const rec = g.__fakeElectron!;
    expect(rec.exposed).toHaveLength(1);
    const [key, api] = rec.exposed[0]!;
    expect(key).toBe('novacron');
    const bridge = api as Bridge & ChannelBridge;
    expect(Object.keys(bridge).sort()).toEqual(['closeChannel', 'invoke', 'onChannel', 'onEvent', 'openChannel', 'sendChannel']);

    // Byte channels: open is invoked, data and close are one-way; junk never leaves the preload.
    await bridge.openChannel('console.serial', { x: 1 });
    expect(rec.rendererInvokes.at(-1)).toEqual([IPC_CHANNEL_OPEN, 'console.serial', { x: 1 }]);
    expect(await bridge.openChannel(7 as unknown as string, {})).toMatchObject({ ok: false });
    bridge.sendChannel(3, new Uint8Array([1, 2]));
    bridge.sendChannel(3, 'not bytes' as unknown as Uint8Array);
    bridge.sendChannel(-1, new Uint8Array([1]));
    bridge.closeChannel(3);
    bridge.closeChannel(0);
    expect(rec.rendererSends).toEqual([
      [IPC_CHANNEL_SEND, 3, new Uint8Array([1, 2])],
      [IPC_CHANNEL_CLOSE, 3],
    ]);
    const chans: unknown[][] = [];
    const offChan = bridge.onChannel((c, ev) => chans.push([c, ev]));
    const chanListener = rec.rendererListeners.get(IPC_CHANNEL_EVENT)![0]!;
    chanListener({ sender: 'must not leak' }, 5, { t: 'closed' });
    chanListener({}, 'x', { t: 'closed' });
    expect(chans).toEqual([[5, { t: 'closed' }]]);
    offChan();

    await bridge.invoke('app.info', { a: 1 });
    expect(rec.rendererInvokes.at(-1)).toEqual([IPC_INVOKE, 'app.info', { a: 1 }]);
    expect(await bridge.invoke(42 as unknown as string, {})).toMatchObject({ ok: false });

    const got: unknown[][] = [];
    const off = bridge.onEvent((name, payload) => got.push([name, payload]));
    const listeners = rec.rendererListeners.get(IPC_EVENT)!;
    expect(listeners).toHaveLength(1);
    listeners[0]!({ sender: 'the ipc event must not leak' }, 'vm.changed', { x: 1 });
    expect(got).toEqual([['vm.changed', { x: 1 }]]);
    off();
    expect(rec.rendererListeners.get(IPC_EVENT)).toHaveLength(0);
    expect([...rec.rendererListeners.keys()].every((ch) => ch.startsWith('novacron:'))).toBe(true);
  });
});
