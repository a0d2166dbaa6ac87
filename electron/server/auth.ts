/**
 * Who may talk to the headless console: requests addressed to our loopback
 * host and port (DNS-rebinding defence), carrying the token in the query (the
 * printed URL) or in the HttpOnly cookie set by that first request. WebSocket
 * upgrades must also come from our own origin, when a browser sends one.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE, TOKEN_PARAM } from '../../shared/transport.js';

export type Credential = 'query' | 'cookie' | null;

export interface Auth {
  readonly token: string;
  /** The cookie carries the port: cookies ignore ports, so two consoles on one machine must not overwrite each other's. */
  readonly cookieName: string;
  hostAllowed(req: IncomingMessage): boolean;
  /** Absent Origin (a non-browser client) is allowed: such clients cannot be driven by another site. */
  originAllowed(req: IncomingMessage): boolean;
  credential(req: IncomingMessage, url: URL): Credential;
  setCookieHeader(): string;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function createAuth(token: string, port: number): Auth {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  const cookieName = `${TOKEN_COOKIE}_${port}`;
  return {
    token,
    cookieName,
    hostAllowed: (req) => hosts.has((req.headers.host ?? '').toLowerCase()),
    originAllowed: (req) => req.headers.origin === undefined || origins.has(req.headers.origin.toLowerCase()),
    credential(req, url) {
      const fromQuery = url.searchParams.get(TOKEN_PARAM);
      if (fromQuery !== null && sameSecret(fromQuery, token)) return 'query';
      const fromCookie = cookieValue(req.headers.cookie, cookieName);
      if (fromCookie !== undefined && sameSecret(fromCookie, token)) return 'cookie';
      return null;
    },
    setCookieHeader: () => `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
  };
}
