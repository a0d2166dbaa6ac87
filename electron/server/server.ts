/**
 * The headless console's HTTP + WebSocket server, on 127.0.0.1 only. Every
 * request is checked in the same order: token (query) or cookie, else a bare
 * 401 (no page, no asset, no upgrade); then the Host header (DNS-rebinding
 * defence, 403); WebSocket upgrades also need our Origin and the WS path.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { TOKEN_PARAM, WS_PATH } from '../../shared/transport.js';
import type { Backend } from '../backend/api.js';
import type { Logger } from '../backend/log.js';
import { createAuth, type Auth } from './auth.js';
import { securityHeaders } from './headers.js';
import { resolveStatic } from './static.js';
import { createWsHub } from './ws.js';

export interface HeadlessServerOptions {
  backend: Backend;
  rendererDir: string;
  /** 0 = a random free port. */
  port: number;
  log: Logger;
  /** For tests; a fresh random token otherwise. */
  token?: string;
}

export interface HeadlessServer {
  /** The URL to open, token included; opening it sets the cookie and redirects to the same page without the token. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

/**
 * The printed URL's token is traded for the cookie at once: the answer sets the
 * cookie and sends the browser to the same address without the token, so the
 * token never stays in the address bar, the history or a bookmark.
 */
function redirectWithoutToken(res: ServerResponse, url: URL, auth: Auth, headers: Record<string, string>): void {
  const query = new URLSearchParams(url.searchParams);
  query.delete(TOKEN_PARAM);
  const search = query.size > 0 ? `?${query.toString()}` : '';
  // One leading slash only: "//evil.example" would be a protocol-relative redirect elsewhere.
  const location = `/${url.pathname.replace(/^[/\\]+/, '')}${search}`;
  res.writeHead(303, {
    ...headers,
    'Set-Cookie': auth.setCookieHeader(),
    Location: location,
    'Cache-Control': 'no-store',
    'Content-Type': 'text/plain; charset=utf-8',
  });
  res.end('See Other\n');
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  auth: Auth,
  rendererDir: string,
  headers: Record<string, string>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const credential = auth.credential(req, url);
  if (credential === null) return plain(res, 401, 'Unauthorized', headers);
  if (!auth.hostAllowed(req)) return plain(res, 403, 'Forbidden', headers);
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed', { ...headers, Allow: 'GET, HEAD' });
  if (credential === 'query') return redirectWithoutToken(res, url, auth, headers);
  if (url.pathname === WS_PATH) return plain(res, 426, 'Upgrade required', headers);
  const out = await resolveStatic(rendererDir, url.pathname);
  res.writeHead(out.status, { ...headers, 'Content-Type': out.type });
  res.end(req.method === 'HEAD' ? undefined : out.body);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startHeadlessServer(opts: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const auth = createAuth(token, port);
  const headers = securityHeaders(port);
  const hub = createWsHub(opts.backend, opts.log);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, auth, opts.rendererDir, headers).catch((e: unknown) => {
      opts.log.error(`request ${req.method} ${req.url?.split('?')[0]} failed`, e);
      if (!res.headersSent) plain(res, 500, 'Internal error', headers);
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (auth.credential(req, url) === null) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (!auth.hostAllowed(req) || !auth.originAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    hub.upgrade(req, socket, head);
  });
  server.on('clientError', (_e, socket) => socket.destroy());

  return {
    url: `http://127.0.0.1:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    async close() {
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
