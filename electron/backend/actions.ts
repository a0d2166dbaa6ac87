/**
 * The action feed: every call of a mutating method (see the contract's
 * `mutation(...)`), with its outcome, for the features that keep a record of
 * who did what (the audit log) — and the guards that may refuse such a call
 * before it runs (a read-only connection). api.ts publishes and asks; features
 * subscribe and register, so none of them wraps another's handlers.
 */

export interface ActionRecord {
  /** When the call arrived (ms since the epoch). */
  at: number;
  method: string;
  /** The validated input, with secrets replaced by "[redacted]". */
  params: Record<string, unknown>;
  ok: boolean;
  error?: { code: string; message: string };
  durationMs: number;
}

export type ActionListener = (r: ActionRecord) => void;
/** Throws (an AppError) to refuse the call; returns to allow it. */
export type ActionGuard = (method: string, input: Record<string, unknown>) => void;

export interface ActionFeed {
  onAction(listener: ActionListener): () => void;
  guard(g: ActionGuard): () => void;
  /** Runs the guards; the first refusal propagates. */
  check(method: string, input: Record<string, unknown>): void;
  publish(r: ActionRecord): void;
}

/** Keys whose values never leave the call: passwords, passphrases, tokens. */
const SECRET_KEYS = /^(secret|password|passphrase|token|.*Token|.*Secret|.*Password)$/;

export function redactSecrets(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (SECRET_KEYS.test(k)) out[k] = v === undefined ? undefined : '[redacted]';
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) out[k] = redactSecrets(v);
    else out[k] = v;
  }
  return out;
}

export function createActionFeed(onError: (e: unknown) => void): ActionFeed {
  const listeners = new Set<ActionListener>();
  const guards = new Set<ActionGuard>();
  return {
    onAction(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    guard(g) {
      guards.add(g);
      return () => guards.delete(g);
    },
    check(method, input) {
      for (const g of guards) g(method, input);
    },
    publish(r) {
      for (const l of [...listeners]) {
        try {
          l(r);
        } catch (e) {
          onError(e);
        }
      }
    },
  };
}
