/**
 * The opt-in /metrics endpoint: a small HTTP server of its own, bound to
 * loopback unless the user says otherwise, answering only GET /metrics with
 * `Authorization: Bearer <token>` (401 without it). The token is compared in
 * constant time, through hashes so that its length does not leak either.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXPOSITION_CONTENT_TYPE } from './exposition.js';

export interface MetricsServerOptions {
  bindAddress: string;
  port: number;
  token: () => string;
  render: () => string;
}

export interface MetricsServer {
  readonly address: string;
  readonly port: number;
  readonly counts: { scrapes: number; refused: number };
  close(): Promise<void>;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether the request carries exactly the expected bearer token. */
export function hasToken(req: IncomingMessage, expected: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m !== null && expected !== '' && timingSafeEqual(digest(m[1]!), digest(expected));
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const counts = { scrapes: 0, refused: 0 };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') return answer(res, 404, 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    if (!hasToken(req, opts.token())) {
      counts.refused++;
      return answer(res, 401, 'a bearer token is required\n', { 'WWW-Authenticate': 'Bearer realm="novacron"' });
    }
    counts.scrapes++;
    answer(res, 200, req.method === 'HEAD' ? '' : opts.render(), { 'Content-Type': EXPOSITION_CONTENT_TYPE });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.bindAddress, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.unref();
  const addr = server.address() as AddressInfo;
  return {
    address: addr.address,
    port: addr.port,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
