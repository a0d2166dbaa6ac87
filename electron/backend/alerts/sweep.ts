/**
 * Threshold rules against one host sweep: every subject in scope with a
 * value is observed; an active alert whose machine is missing from the sweep
 * (deleted), no longer running, or out of the rule's scope now ends with a
 * message saying so. A running machine without a value this time (its first
 * sweep has no rates yet) keeps its alert as it is.
 */
import type { Alert, AlertRule, RuleScope } from '../../../shared/contract/alerts.js';
import { isHostSeries, isVmSeries } from '../../../shared/contract/metrics-series.js';
import { DomainState } from '../../libvirt/index.js';
import type { HostSweep } from '../monitoring/feed.js';
import type { AlertEngine, Subject } from './engine.js';

/** The NovaCron tags of a machine, or undefined while they are not known yet. */
export type TagsOf = (connectionId: string, uuid: string) => readonly string[] | undefined;

export function inScope(scope: RuleScope, subject: Subject, tagsOf: TagsOf): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'host':
      return subject.connectionId === scope.connectionId;
    case 'vm':
      return subject.connectionId === scope.connectionId && subject.uuid?.toLowerCase() === scope.uuid.toLowerCase();
    case 'tag':
      return subject.uuid !== undefined && (tagsOf(subject.connectionId, subject.uuid)?.includes(scope.tag) ?? false);
  }
}

/** Whether the scope can be judged now (a tag scope needs the machine's tags read). */
export const tagsKnown = (scope: RuleScope, s: Subject, tagsOf: TagsOf) =>
  scope.kind !== 'tag' || s.uuid === undefined || tagsOf(s.connectionId, s.uuid) !== undefined;

/** Running or paused: a machine whose measurements mean something. */
const isUp = (state: number | undefined) => state === undefined || state === DomainState.RUNNING || state === DomainState.PAUSED;

export function evaluateSweep(engine: AlertEngine, rules: readonly AlertRule[], sweep: HostSweep, hostName: string, tagsOf: TagsOf): void {
  const t = sweep.t;
  const host: Subject = { connectionId: sweep.connectionId, name: hostName };
  const byUuid = new Map(sweep.vms.map((v) => [v.uuid.toLowerCase(), v]));
  for (const rule of rules) {
    if (!rule.enabled || rule.kind !== 'threshold' || rule.metric === undefined) continue;
    const metric = rule.metric;
    if (isHostSeries(metric)) {
      const value = sweep.host[metric];
      if (!inScope(rule.scope, host, tagsOf)) engine.settle(rule.id, host, `${hostName} is no longer in the rule's scope`, t);
      else if (value !== undefined) engine.observe(rule, host, value, t);
      continue;
    }
    if (!isVmSeries(metric)) continue;
    for (const vm of sweep.vms) {
      const value = vm.values[metric];
      const subject: Subject = { connectionId: sweep.connectionId, uuid: vm.uuid, name: vm.name };
      if (value !== undefined && isUp(vm.state) && inScope(rule.scope, subject, tagsOf)) engine.observe(rule, subject, value, t);
    }
    // The alerts this sweep could not refresh: find out why.
    const stale = (a: Alert) => a.ruleId === rule.id && a.subject.connectionId === sweep.connectionId && a.subject.uuid !== undefined;
    for (const a of engine.active().filter(stale)) {
      const vm = byUuid.get(a.subject.uuid!.toLowerCase());
      const subject: Subject = { ...a.subject, name: vm?.name ?? a.subject.name };
      if (!vm) engine.settle(rule.id, subject, `${subject.name} no longer exists on ${hostName}`, t);
      else if (!isUp(vm.state)) engine.settle(rule.id, subject, `${subject.name} stopped`, t);
      else if (tagsKnown(rule.scope, subject, tagsOf) && !inScope(rule.scope, subject, tagsOf))
        engine.settle(rule.id, subject, `${subject.name} is no longer in the rule's scope`, t);
    }
  }
}
