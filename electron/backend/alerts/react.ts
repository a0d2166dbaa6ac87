/**
 * What each outside signal does to the alerts: a host's link going down or
 * coming back, a host ended by the user, a machine's lifecycle event, a rule
 * changed. Kept apart from the feature's wiring so each reaction reads as one
 * small function over the engine.
 */
import type { Alert, AlertRule, RuleKind } from '../../../shared/contract/alerts.js';
import type { DomainLifecycleEvent } from '../../libvirt/index.js';
import type { Intents } from '../intents.js';
import type { AlertEngine, Subject } from './engine.js';
import { judgeLifecycle } from './lifecycle.js';
import { inScope, tagsKnown, type TagsOf } from './sweep.js';

export interface Reactions {
  hostDown(id: string, why: string, gone: boolean): void;
  hostUp(id: string): void;
  hostEnded(id: string, why: string): void;
  lifecycle(id: string, e: DomainLifecycleEvent): void;
  /** After a rule was created, changed or deleted: end what no enabled rule covers any more. */
  rulesChanged(): void;
}

export interface ReactionDeps {
  engine: AlertEngine;
  rules: () => readonly AlertRule[];
  intents: Intents;
  nameOf: (connectionId: string) => string;
  tagsOf: TagsOf;
  now?: () => number;
}

/** The alerts that come from measurements, which a host's disappearance ends. */
const MEASURED: ReadonlySet<RuleKind> = new Set(['threshold', 'pool-full', 'anomalous']);

export function createReactions(d: ReactionDeps): Reactions {
  const now = d.now ?? Date.now;
  const ofKind = (kind: RuleKind) => d.rules().filter((r) => r.enabled && r.kind === kind);
  const hostSubject = (id: string): Subject => ({ connectionId: id, name: d.nameOf(id) });

  function kindOf(a: Alert): RuleKind | undefined {
    return d.rules().find((r) => r.id === a.ruleId)?.kind;
  }

  function endMeasured(id: string, message: string): void {
    d.engine.endWhere((a) => a.subject.connectionId === id && MEASURED.has(kindOf(a) ?? 'threshold'), message, now());
  }

  return {
    hostDown(id, why, gone) {
      const subject = hostSubject(id);
      for (const rule of ofKind('host-unreachable'))
        if (inScope(rule.scope, subject, d.tagsOf)) d.engine.raise(rule, subject, `${subject.name} is unreachable: ${why}`, now());
      if (gone) endMeasured(id, `${subject.name} is no longer connected, so its measurements stopped`);
    },
    hostUp(id) {
      const subject = hostSubject(id);
      for (const rule of d.rules().filter((r) => r.kind === 'host-unreachable'))
        d.engine.settle(rule.id, subject, `${subject.name} is reachable again`, now());
    },
    hostEnded(id, why) {
      const name = d.nameOf(id);
      const message = why === 'removed' ? `the connection ${name} was removed` : `${name} was disconnected by the user`;
      d.engine.endWhere((a) => a.subject.connectionId === id && kindOf(a) !== 'vm-stopped-unexpectedly', message, now());
    },
    lifecycle(id, e) {
      const subject: Subject = { connectionId: id, uuid: e.dom.uuid, name: e.dom.name };
      const verdict = judgeLifecycle(e, d.intents.recent(id, e.dom.uuid));
      if (verdict && 'raise' in verdict) {
        for (const rule of ofKind('vm-stopped-unexpectedly'))
          if (inScope(rule.scope, subject, d.tagsOf)) d.engine.raise(rule, subject, verdict.raise, now());
      } else if (verdict) {
        for (const rule of d.rules().filter((r) => r.kind === 'vm-stopped-unexpectedly'))
          d.engine.settle(rule.id, subject, verdict.settle, now());
      }
      // A machine that stopped or went away ends its measured alerts now, not at the next sweep.
      if (e.event === 'stopped' || e.event === 'crashed' || e.event === 'undefined') {
        const why = e.event === 'undefined' ? `${e.dom.name} was deleted` : `${e.dom.name} stopped`;
        const uuid = e.dom.uuid.toLowerCase();
        d.engine.endWhere(
          (a) => a.subject.connectionId === id && a.subject.uuid?.toLowerCase() === uuid && kindOf(a) === 'threshold',
          why,
          now(),
        );
      }
    },
    rulesChanged() {
      const byId = new Map(d.rules().map((r) => [r.id, r]));
      const t = now();
      d.engine.endWhere((a) => !byId.has(a.ruleId), 'its rule was deleted', t);
      d.engine.endWhere((a) => byId.get(a.ruleId)?.enabled === false, 'its rule was disabled', t);
      d.engine.endWhere(
        (a) => {
          const r = byId.get(a.ruleId)!;
          return tagsKnown(r.scope, a.subject, d.tagsOf) && !inScope(r.scope, a.subject, d.tagsOf);
        },
        "its subject is no longer in the rule's scope",
        t,
      );
    },
  };
}
