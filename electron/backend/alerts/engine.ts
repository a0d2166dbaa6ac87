/**
 * The alert state machine, with no I/O: observations go in, alerts come out
 * through the listener.
 *
 *   (nothing) --condition true--> pending --held forSec--> firing --cleared--> resolved
 *                                    |
 *                                    +--condition false before forSec--> dropped (never stored)
 *
 * At most one active (pending or firing) alert exists per rule and subject; a
 * breach after a resolution opens a new alert. Threshold-like rules observe a
 * value (`observe`): "true" is past the threshold, "cleared" is past the
 * clear threshold (hysteresis: in between, a firing alert stays firing).
 * Conditions without a number (`raise` / `settle`) are true until settled.
 * Acknowledging only records who and when.
 */
import { randomUUID } from 'node:crypto';
import type { Alert, AlertRule } from '../../../shared/contract/alerts.js';
import { breaches, clears, describeBreach, describeClear } from './describe.js';

export type Subject = Alert['subject'];

/** What just happened to an alert. */
export type AlertChange = 'pending' | 'fired' | 'resolved' | 'acknowledged';

export interface AlertListener {
  changed(alert: Alert, change: AlertChange): void;
  /** A pending alert that never fired. */
  dropped(alert: Alert): void;
}

export interface AlertEngine {
  /** One measurement of the rule's metric for one subject. */
  observe(rule: AlertRule, subject: Subject, value: number, t: number): void;
  /** A condition without a number holds for this subject now (a crash, a lost host). */
  raise(rule: AlertRule, subject: Subject, message: string, t: number): void;
  /** The condition is over: a pending alert is dropped, a firing one resolved with `message`. */
  settle(ruleId: string, subject: Subject, message: string, t: number): void;
  /** Fires the pending alerts whose condition has held for their rule's forSec. */
  tick(ruleOf: (id: string) => AlertRule | undefined, t: number): void;
  /** Ends every active alert `which` selects (its subject went away, its rule was disabled). */
  endWhere(which: (a: Alert) => boolean, message: string, t: number): void;
  acknowledge(id: string, by: string, t: number): Alert | undefined;
  active(): Alert[];
  find(ruleId: string, subject: Subject): Alert | undefined;
}

/** One key per rule and subject: a machine, a host, or a pool of a host. */
export function subjectKey(ruleId: string, s: Subject): string {
  return `${ruleId}|${s.connectionId}|${s.uuid?.toLowerCase() ?? ''}|${s.pool ?? ''}`;
}

export interface EngineOptions {
  listener: AlertListener;
  /** Firing alerts kept from before a restart. */
  restore?: readonly Alert[];
  newId?: () => string;
}

export function createAlertEngine(opts: EngineOptions): AlertEngine {
  const newId = opts.newId ?? randomUUID;
  const live = new Map<string, Alert>();
  for (const a of opts.restore ?? []) if (a.state !== 'resolved') live.set(subjectKey(a.ruleId, a.subject), { ...a });

  const copy = (a: Alert): Alert => structuredClone(a);

  function open(rule: AlertRule, subject: Subject, message: string, t: number, value?: number): Alert {
    const a: Alert = {
      id: newId(),
      ruleId: rule.id,
      ruleName: rule.name,
      severity: rule.severity,
      state: 'pending',
      subject: { ...subject },
      message,
      since: t,
      ...(value !== undefined ? { value } : {}),
    };
    live.set(subjectKey(rule.id, subject), a);
    if (rule.forSec === 0) fire(a, t);
    else opts.listener.changed(copy(a), 'pending');
    return a;
  }

  function fire(a: Alert, t: number): void {
    a.state = 'firing';
    a.firedAt = t;
    opts.listener.changed(copy(a), 'fired');
  }

  function end(key: string, a: Alert, message: string, t: number): void {
    live.delete(key);
    if (a.state === 'pending') {
      opts.listener.dropped(copy(a));
      return;
    }
    a.state = 'resolved';
    a.resolvedAt = t;
    a.message = message;
    opts.listener.changed(copy(a), 'resolved');
  }

  function due(a: Alert, rule: AlertRule, t: number): boolean {
    return a.state === 'pending' && t - a.since >= rule.forSec * 1000;
  }

  return {
    observe(rule, subject, value, t) {
      const key = subjectKey(rule.id, subject);
      const a = live.get(key);
      if (!a) {
        if (breaches(rule, value)) open(rule, subject, describeBreach(rule, subject, value), t, value);
        return;
      }
      a.value = value;
      if (a.state === 'pending') {
        if (!breaches(rule, value)) end(key, a, '', t);
        else if (due(a, rule, t)) {
          a.message = describeBreach(rule, subject, value);
          fire(a, t);
        }
      } else if (clears(rule, value)) {
        end(key, a, describeClear(rule, subject, value), t);
      }
    },
    raise(rule, subject, message, t) {
      const a = live.get(subjectKey(rule.id, subject));
      if (!a) open(rule, subject, message, t);
      else if (due(a, rule, t)) fire(a, t);
    },
    settle(ruleId, subject, message, t) {
      const key = subjectKey(ruleId, subject);
      const a = live.get(key);
      if (a) end(key, a, message, t);
    },
    tick(ruleOf, t) {
      for (const a of live.values()) {
        const rule = ruleOf(a.ruleId);
        if (rule && due(a, rule, t)) fire(a, t);
      }
    },
    endWhere(which, message, t) {
      for (const [key, a] of [...live]) if (which(a)) end(key, a, message, t);
    },
    acknowledge(id, by, t) {
      for (const a of live.values()) {
        if (a.id !== id) continue;
        a.acknowledged = { by, at: t };
        opts.listener.changed(copy(a), 'acknowledged');
        return copy(a);
      }
      return undefined;
    },
    active: () => [...live.values()].map(copy),
    find: (ruleId, subject) => {
      const a = live.get(subjectKey(ruleId, subject));
      return a && copy(a);
    },
  };
}
