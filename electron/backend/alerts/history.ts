/**
 * The alert history in the store: firing alerts (so they survive a restart)
 * and the most recent resolved ones, bounded. Changes are batched into one
 * store write shortly after they happen, so a burst (a host with hundreds of
 * machines crossing a threshold at once) costs one write, not hundreds.
 * `listAlerts` is the one reading of it, shared with the CLI.
 */
import type { Alert, AlertState } from '../../../shared/contract/alerts.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';

export const MAX_RESOLVED = 2000;

export interface AlertFilter {
  state?: AlertState;
  acknowledged?: boolean;
  since?: number;
  limit: number;
}

/** Alerts newest first (by when they began), later copies of an id replacing earlier ones. */
export function listAlerts(sources: readonly (readonly Alert[])[], f: AlertFilter): Alert[] {
  const byId = new Map<string, Alert>();
  for (const list of sources) for (const a of list) byId.set(a.id, a);
  return [...byId.values()]
    .filter((a) => f.state === undefined || a.state === f.state)
    .filter((a) => f.acknowledged === undefined || (a.acknowledged !== undefined) === f.acknowledged)
    .filter((a) => f.since === undefined || a.since >= f.since)
    .sort((a, b) => b.since - a.since || a.id.localeCompare(b.id))
    .slice(0, f.limit);
}

/** Every unresolved alert, and the `max` most recently resolved. */
export function boundHistory(alerts: readonly Alert[], max = MAX_RESOLVED): Alert[] {
  const resolved = alerts.filter((a) => a.state === 'resolved');
  if (resolved.length <= max) return [...alerts];
  const keep = new Set(
    resolved
      .sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0))
      .slice(0, max)
      .map((a) => a.id),
  );
  return alerts.filter((a) => a.state !== 'resolved' || keep.has(a.id));
}

export interface AlertHistory {
  /** Keeps (or replaces) this alert; written within `delayMs`. */
  record(alert: Alert): void;
  /** The stored alerts with the not-yet-written changes applied. */
  all(): Alert[];
  find(id: string): Alert | undefined;
  flush(): Promise<void>;
}

export function createAlertHistory(store: Store, log: Logger, opts: { delayMs?: number; max?: number } = {}): AlertHistory {
  const delayMs = opts.delayMs ?? 250;
  const unwritten = new Map<string, Alert>();
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  function write(): Promise<void> {
    timer = null;
    if (unwritten.size === 0) return writing;
    const batch = [...unwritten.values()];
    const done = store.update((d) => {
      const ids = new Map(d.alerts.map((a, i) => [a.id, i]));
      for (const a of batch) {
        const i = ids.get(a.id);
        if (i === undefined) d.alerts.push(a);
        else d.alerts[i] = a;
      }
      d.alerts = boundHistory(d.alerts, opts.max);
    });
    writing = done.then(
      () => {
        // Forget only what this write carried and nothing changed since.
        for (const a of batch) if (unwritten.get(a.id) === a) unwritten.delete(a.id);
      },
      (e: unknown) => log.error('writing the alert history failed', e),
    );
    return writing;
  }

  return {
    record(alert) {
      unwritten.set(alert.id, alert);
      timer ??= setTimeout(() => void write(), delayMs);
    },
    all: () => listAlerts([store.data.alerts, [...unwritten.values()]], { limit: Number.MAX_SAFE_INTEGER }),
    find: (id) => unwritten.get(id) ?? store.data.alerts.find((a) => a.id === id),
    async flush() {
      if (timer) clearTimeout(timer);
      await write();
    },
  };
}
