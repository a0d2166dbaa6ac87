/** Reconnect policy of LibvirtConnection: backoff timing and which errors are final. */
import { ConnectionError, type ConnectionErrorKind } from './errors.js';

export interface ReconnectOptions {
  /** First delay after a loss, in ms (default 500). */
  initialDelayMs?: number;
  /** Ceiling of the delay, in ms (default 30000). */
  maxDelayMs?: number;
  /** Growth per failed attempt (default 2). */
  factor?: number;
  /** +/- this fraction of random spread, so many clients do not retry in lockstep (default 0.2). */
  jitter?: number;
}

/** The delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, o: ReconnectOptions, random: () => number = Math.random): number {
  const initial = o.initialDelayMs ?? 500;
  const max = o.maxDelayMs ?? 30000;
  const factor = o.factor ?? 2;
  const jitter = Math.min(Math.max(o.jitter ?? 0.2, 0), 1);
  const base = Math.min(max, initial * factor ** Math.min(attempt, 64));
  return Math.max(0, Math.round(base * (1 - jitter + random() * 2 * jitter)));
}

/** Failures that retrying cannot heal: the user has to act (accept a key, fix credentials, change the URI). */
const PERMANENT: ReadonlySet<ConnectionErrorKind> = new Set(['host-key-unknown', 'host-key-changed', 'auth-failed', 'unsupported']);

export function isPermanentError(err: unknown): boolean {
  return err instanceof ConnectionError && PERMANENT.has(err.kind);
}
