/**
 * One remote-write request and what to do about its answer. Prometheus's
 * rule: a 5xx, a 429 or no answer at all may succeed later (retry); any other
 * 4xx means the data itself is refused (out of order, malformed): sending it
 * again would fail again, so the batch is dropped, visibly.
 */
import { REMOTE_WRITE_HEADERS } from './write-request.js';

export type PostOutcome =
  | { kind: 'ok' }
  | { kind: 'retry'; message: string; httpStatus?: number; retryAfterMs?: number }
  | { kind: 'reject'; message: string; httpStatus: number };

export interface PostOptions {
  url: string;
  body: Uint8Array;
  token: string | null;
  timeoutMs: number;
  userAgent: string;
  /** Aborts the request when NovaCron closes or remote write is turned off. */
  signal?: AbortSignal;
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function readRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** The receiver's own words, short and on one line. */
async function readReason(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  const line = text.replace(/\s+/g, ' ').trim().slice(0, 300);
  return line ? `: ${line}` : '';
}

/** "connect ECONNREFUSED 127.0.0.1:9090" rather than undici's bare "fetch failed". */
function describeNetworkError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'the receiver did not answer in time';
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
  }
  return e.message;
}

function timeoutOr(ms: number, signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([timeout, signal]) : timeout;
}

export async function postBatch(opts: PostOptions): Promise<PostOutcome> {
  const headers: Record<string, string> = { ...REMOTE_WRITE_HEADERS, 'User-Agent': opts.userAgent };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let res: Response;
  try {
    res = await fetch(opts.url, {
      method: 'POST',
      headers,
      body: opts.body,
      signal: timeoutOr(opts.timeoutMs, opts.signal),
      redirect: 'error',
    });
  } catch (e) {
    return { kind: 'retry', message: describeNetworkError(e) };
  }
  if (res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { kind: 'ok' };
  }
  const reason = `HTTP ${res.status}${await readReason(res)}`;
  if (res.status >= 500 || res.status === 429) {
    const retryAfterMs = readRetryAfter(res.headers.get('retry-after'), Date.now());
    return { kind: 'retry', message: reason, httpStatus: res.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { kind: 'reject', message: reason, httpStatus: res.status };
}
