/**
 * alert.* events into the cached alert list (edited in place, newest first),
 * the rules re-read when they change, and a toast when an alert fires.
 */
import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import type { Alert } from '../../../shared/contract/alerts';
import { applyNow, defineCacheSync } from '../../api/cache-sync';
import { alertKeys, ALERT_LIST_LIMIT } from './queries';

interface AlertBatch {
  changed: Map<string, Alert>;
  dropped: Set<string>;
  rules: boolean;
}

/** The list with the batch applied: changed alerts replaced or added, dropped ones gone, newest first. */
export function applyAlerts(list: readonly Alert[], changed: ReadonlyMap<string, Alert>, dropped: ReadonlySet<string>): Alert[] {
  const seen = new Set<string>();
  const next: Alert[] = [];
  for (const a of list) {
    if (dropped.has(a.id)) continue;
    seen.add(a.id);
    next.push(changed.get(a.id) ?? a);
  }
  for (const a of changed.values()) if (!seen.has(a.id) && !dropped.has(a.id)) next.push(a);
  return next.sort((a, b) => b.since - a.since).slice(0, ALERT_LIST_LIMIT);
}

/** An alert that starts firing now, as the cache knew it before. */
export function startsFiring(a: Alert, before: Alert | undefined, now = Date.now()): boolean {
  if (a.state !== 'firing' || a.acknowledged) return false;
  if (before) return before.state !== 'firing';
  return now - (a.firedAt ?? a.since) < 30_000;
}

function toast(a: Alert): void {
  notifications.show({
    id: `alert-${a.id}`,
    color: a.severity === 'critical' ? 'red' : a.severity === 'warning' ? 'orange' : 'blue',
    title: `${a.ruleName}: ${a.subject.name}`,
    message: a.message,
    autoClose: a.severity === 'critical' ? false : 12_000,
    'data-testid': 'alert-toast',
  } as Parameters<typeof notifications.show>[0]);
}

function flush(client: QueryClient, batch: AlertBatch, quiet = false): void {
  const list = client.getQueryData<Alert[]>(alertKeys.list);
  const before = new Map((list ?? []).map((a) => [a.id, a]));
  if (!quiet) for (const a of batch.changed.values()) if (startsFiring(a, before.get(a.id))) toast(a);
  if (list) client.setQueryData(alertKeys.list, applyAlerts(list, batch.changed, batch.dropped));
  if (batch.rules) void client.invalidateQueries({ queryKey: alertKeys.rules });
}

export const alertsCacheSync = defineCacheSync<AlertBatch>({
  batch: () => ({ changed: new Map(), dropped: new Set(), rules: false }),
  on: {
    'alert.changed': (b, a) => {
      b.changed.set(a.id, a);
      b.dropped.delete(a.id);
    },
    'alert.dropped': (b, { id }) => {
      b.changed.delete(id);
      b.dropped.add(id);
    },
    'alerts.rulesChanged': (b) => {
      b.rules = true;
    },
  },
  flush: (client, batch) => flush(client, batch),
});

/** A mutation's answer (an acknowledgement), written the way its event would be. */
export const upsertAlertInCache = (client: QueryClient, a: Alert) => applyNow(alertsCacheSync, client, 'alert.changed', a);
