/**
 * The headless server: the token guard (401 for page, assets and WebSocket
 * without it), the cookie, the Host and Origin checks, the security headers,
 * the contract over the WebSocket, events to every socket, the 503 page, and
 * the real entry point's stdout line and clean SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/transport.js';
import { createMemoryLogger } from '../../electron/backend/log.js';
import { startHeadlessServer, type HeadlessServer } from '../../electron/server/server.js';
import { makeTempDir, removeDir, startTestBackend, type TestBackend } from './helpers.js';

let t: TestBackend;
let server: HeadlessServer;
let rendererDir: string;
let base: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // Host/port/path given apart: the path goes out raw (no URL normalisation of '..').
    const u = new URL(base);
    const req = request({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function cookieOf(r: Reply): string {
  const set = r.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0]! : String(set);
  return first.split(';')[0]!;
}

/** Opens a socket; resolves with it, or rejects with the HTTP status of a refused upgrade. */
function openWs(path: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}${path}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function callWs(ws: WebSocket, id: number, method: string, input: unknown): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as ServerMessage;
      if (msg.t === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'call', id, method, input }));
  });
}

beforeAll(async () => {
  rendererDir = await makeTempDir('novacron-renderer-');
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>NovaCron</title><script type="module" src="/assets/app.js"></script>',
  );
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  t = await startTestBackend();
  server = await startHeadlessServer({ backend: t.backend, rendererDir, port: 0, log: createMemoryLogger() });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await t.close();
  await removeDir(t.dataDir);
  await removeDir(rendererDir);
});

describe('headless server', () => {
  it('listens on 127.0.0.1 with a 64-hex-digit token in its URL', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{64}$`));
  });

  it('answers 401 and nothing else without a valid token or cookie', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/ws', '/nonexistent', `/?token=${'0'.repeat(64)}`, '/?token=']) {
      const r = await get(path);
      expect(r.status, path).toBe(401);
      expect(r.body, path).toBe('Unauthorized\n');
      expect(r.headers['set-cookie'], path).toBeUndefined();
    }
    expect((await get('/', { Cookie: `novacron_token_${server.port}=${'f'.repeat(64)}` })).status).toBe(401);
    // A cookie for another console's port is not ours.
    expect((await get('/', { Cookie: `novacron_token_1=${server.token}` })).status).toBe(401);
  });

  it('refuses a WebSocket upgrade without a token', async () => {
    await expect(openWs('/ws')).rejects.toThrow('status 401');
    await expect(openWs('/ws?token=nope')).rejects.toThrow('status 401');
  });

  it('trades the token for a strict HttpOnly cookie and redirects to the address without it; the cookie then opens assets', async () => {
    const login = await get(`/?token=${server.token}`);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    expect(login.headers['cache-control']).toBe('no-store');
    expect(login.body).not.toContain(server.token);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = cookieOf(login);
    const page = await get('/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>NovaCron</title>');
    expect(page.headers['set-cookie']).toBeUndefined();
    // Other query parameters and the path survive; the token never does, and no redirect leaves the origin.
    expect((await get(`/vms/abc?x=1&token=${server.token}&y=2`)).headers.location).toBe('/vms/abc?x=1&y=2');
    for (const path of [
      `//evil.example/?token=${server.token}`,
      `/\\evil.example/?token=${server.token}`,
      `///evil.example/x?token=${server.token}`,
    ]) {
      const location = String((await get(path)).headers.location);
      expect(location, path).toMatch(/^\/(?![/\\])/);
    }
    const asset = await get('/assets/app.js', { Cookie: cookie });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/text\/javascript/);
    expect(asset.headers['set-cookie']).toBeUndefined();
    // Client-side routes get the page; missing files with an extension do not.
    expect((await get('/vms/abc', { Cookie: cookie })).body).toContain('<title>NovaCron</title>');
    expect((await get('/assets/missing.js', { Cookie: cookie })).status).toBe(404);
    expect((await get('/../../etc/passwd', { Cookie: cookie })).body).not.toContain('root:');
    expect((await get('/%2e%2e/%2e%2e/etc/passwd', { Cookie: cookie })).body).not.toContain('root:');
    const encoded = await get('/..%2f..%2f..%2f..%2fetc%2fpasswd', { Cookie: cookie });
    expect(encoded.status).toBe(404);
    expect(encoded.body).not.toContain('root:');
    expect((await get('/', { Cookie: cookie }, 'POST')).status).toBe(405);
  });

  it('sends a strict CSP and the other security headers, on 401s too', async () => {
    for (const r of [await get('/'), await get(`/?token=${server.token}`)]) {
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('checks the Host header (DNS rebinding) even with a valid token', async () => {
    expect((await get(`/?token=${server.token}`, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { Host: '127.0.0.1:1' })).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { Host: `localhost:${server.port}` })).status).toBe(303);
    await expect(openWs(`/ws?token=${server.token}`, { Host: `evil.example:${server.port}` })).rejects.toThrow('status 403');
  });

  it('checks the WebSocket Origin', async () => {
    await expect(openWs(`/ws?token=${server.token}`, { Origin: 'http://evil.example' })).rejects.toThrow('status 403');
    await expect(openWs(`/ws?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port + 1}` })).rejects.toThrow('status 403');
    const ws = await openWs(`/ws?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });
    ws.close();
  });

  it('carries the contract over a cookie-authorised WebSocket, and pushes events to every socket', async () => {
    const cookie = cookieOf(await get(`/?token=${server.token}`));
    const a = await openWs('/ws', { Cookie: cookie, Origin: `http://127.0.0.1:${server.port}` });
    const b = await openWs(`/ws?token=${server.token}`);
    try {
      const info = await callWs(a, 1, 'app.info', {});
      expect(info).toMatchObject({ t: 'result', id: 1, ok: true, value: { shell: 'headless', secretStorage: false } });
      const bad = await callWs(a, 2, 'connections.add', { name: '' });
      expect(bad).toMatchObject({ t: 'result', id: 2, ok: false, error: { code: 'invalid-input' } });
      const eventOnB = new Promise<ServerMessage>((resolve) =>
        b.on('message', (d) => {
          const m = JSON.parse(d.toString()) as ServerMessage;
          if (m.t === 'event' && m.name === 'connection.changed') resolve(m);
        }),
      );
      const added = await callWs(a, 3, 'connections.add', { name: 'from-ws', uri: 'qemu:///system' });
      expect(added).toMatchObject({ ok: true });
      expect(await eventOnB).toMatchObject({ t: 'event', name: 'connection.changed', payload: { name: 'from-ws' } });
    } finally {
      a.close();
      b.close();
    }
  });

  it('drops a frame it cannot answer without closing the socket, and answers a malformed call with invalid-input', async () => {
    const ws = await openWs(`/ws?token=${server.token}`);
    let closed = false;
    ws.on('close', () => (closed = true));
    try {
      // A call in flight when the junk arrives still gets its answer.
      const first = callWs(ws, 1, 'app.info', {});
      for (const junk of ['this is not json', '[]', 'null', '{"t":"call","method":"app.info","input":{}}', '{"id":"7"}', '{"id":-1}'])
        ws.send(junk);
      ws.send(Buffer.from([1, 2, 3]), { binary: true });
      expect(await first).toMatchObject({ t: 'result', id: 1, ok: true });
      const noInput = await new Promise<ServerMessage>((resolve) => {
        ws.once('message', (d) => resolve(JSON.parse(d.toString()) as ServerMessage));
        ws.send(JSON.stringify({ t: 'call', id: 2, method: 'app.info' }));
      });
      expect(noInput).toMatchObject({ t: 'result', id: 2, ok: false, error: { code: 'invalid-input' } });
      expect(JSON.stringify(noInput)).toContain('input');
      for (const [i, frame] of [
        { t: 'nope', id: 3, method: 'app.info', input: {} },
        { t: 'call', id: 4, method: 42, input: {} },
        { t: 'call', id: 5, input: {} },
        { t: 'call', id: 6.5, method: 'app.info', input: {} },
      ].entries()) {
        const id = typeof frame.id === 'number' && Number.isInteger(frame.id) ? frame.id : null;
        if (id === null) {
          ws.send(JSON.stringify(frame)); // no usable id: dropped
          continue;
        }
        const reply = await new Promise<ServerMessage>((resolve) => {
          ws.once('message', (d) => resolve(JSON.parse(d.toString()) as ServerMessage));
          ws.send(JSON.stringify(frame));
        });
        expect(reply, String(i)).toMatchObject({ t: 'result', id, ok: false, error: { code: 'invalid-input' } });
      }
      expect(await callWs(ws, 9, 'app.info', {})).toMatchObject({ id: 9, ok: true });
      expect(closed).toBe(false);
    } finally {
      ws.close();
    }
  });

  it('serves a 503 page telling to build when the renderer is missing', async () => {
    const empty = await makeTempDir('novacron-norenderer-');
    const s = await startHeadlessServer({ backend: t.backend, rendererDir: empty, port: 0, log: createMemoryLogger() });
    try {
      const saved = base;
      base = `http://127.0.0.1:${s.port}`;
      const login = await get(`/?token=${s.token}`);
      expect(login.status).toBe(303);
      const r = await get('/', { Cookie: cookieOf(login) });
      base = saved;
      expect(r.status).toBe(503);
      expect(r.body).toContain('npm run build');
    } finally {
      await s.close();
      await removeDir(empty);
    }
  });

  it('the entry point prints exactly one NOVACRON_URL line on stdout and exits cleanly on SIGTERM', async () => {
    // Bundled like scripts/build-node.mjs does, into node_modules/.cache so its imports resolve.
    const out = join(process.cwd(), 'node_modules', '.cache', 'novacron-test', 'headless.mjs');
    await build({
      entryPoints: ['electron/headless.ts'],
      outfile: out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    const dataDir = await makeTempDir('novacron-entry-');
    const child = spawn(process.execPath, [out], {
      env: { ...process.env, NOVACRON_DATA_DIR: dataDir, NOVACRON_PORT: '0', NOVACRON_RENDERER_DIR: rendererDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 15_000;
      while (!stdout.includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const url = /^NOVACRON_URL=(http:\/\/127\.0\.0\.1:(\d+)\/\?token=[0-9a-f]{64})$/m.exec(stdout);
      expect(url, stdout).not.toBeNull();
      const saved = base;
      base = `http://127.0.0.1:${url![2]}`;
      expect((await get('/')).status).toBe(401);
      // The printed URL works when opened: it sets the cookie and lands on the page without the token.
      const login = await get(url![1]!.slice(base.length));
      expect(login.status).toBe(303);
      expect(login.headers.location).toBe('/');
      expect((await get('/', { Cookie: cookieOf(login) })).status).toBe(200);
      base = saved;
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout.trim().split('\n')).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      await removeDir(dataDir);
    }
  });
});
