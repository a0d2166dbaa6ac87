/** The rule book: rules kept in the store, checked for sense on every change. */
import { randomUUID } from 'node:crypto';
import type { AlertRule, AlertRulePatch } from '../../../shared/contract/alerts.js';
import { isHostSeries, isVmSeries } from '../../../shared/contract/metrics-series.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/store.js';
import { withBuiltins } from './builtins.js';

export type NewRule = Omit<AlertRule, 'id' | 'builtin'>;

function refuse(message: string, path: string): never {
  throw new AppError('invalid-input', message, { issues: [{ path, message }] });
}

/** The checks zod cannot express alone: which fields each kind needs, and a clear threshold on the right side. */
export function checkRule(r: NewRule): void {
  const numeric = r.kind === 'threshold' || r.kind === 'pool-full';
  if (r.kind === 'threshold' || r.kind === 'anomalous') {
    if (r.metric === undefined) refuse(`a ${r.kind} rule needs a metric`, 'metric');
    if (isHostSeries(r.metric) && (r.scope.kind === 'vm' || r.scope.kind === 'tag'))
      refuse('a host metric cannot be scoped to a machine or a tag', 'scope');
  } else if (r.metric !== undefined) {
    refuse(`a ${r.kind} rule takes no metric`, 'metric');
  }
  if (r.metric !== undefined && !isVmSeries(r.metric) && !isHostSeries(r.metric)) refuse('unknown metric', 'metric');
  if ((r.kind === 'pool-full' || r.kind === 'host-unreachable') && (r.scope.kind === 'vm' || r.scope.kind === 'tag'))
    refuse(`a ${r.kind} rule applies to hosts: scope it to everything or to one host`, 'scope');
  if (numeric && r.threshold === undefined) refuse('a threshold is required', 'threshold');
  if (!numeric && (r.threshold !== undefined || r.clearThreshold !== undefined)) refuse(`a ${r.kind} rule takes no threshold`, 'threshold');
  if (r.threshold !== undefined && r.clearThreshold !== undefined) {
    const wrongSide = r.condition === 'above' ? r.clearThreshold > r.threshold : r.clearThreshold < r.threshold;
    if (wrongSide)
      refuse(`the clear threshold must be ${r.condition === 'above' ? 'at or below' : 'at or above'} the threshold`, 'clearThreshold');
  }
}

export interface RuleBook {
  list(): AlertRule[];
  get(id: string): AlertRule | undefined;
  create(input: NewRule): Promise<AlertRule>;
  update(patch: AlertRulePatch): Promise<AlertRule>;
  remove(id: string): Promise<void>;
  /** Writes the built-ins a fresh or migrated document lacks. */
  seed(): Promise<void>;
}

export function createRuleBook(store: Store, changed: () => void): RuleBook {
  const current = () => withBuiltins(store.data.alertRules);

  function find(id: string): AlertRule {
    const r = current().find((x) => x.id === id);
    if (!r) throw new AppError('not-found', 'No such alert rule.');
    return r;
  }

  async function save(next: AlertRule[]): Promise<void> {
    await store.update((d) => void (d.alertRules = next));
    changed();
  }

  return {
    list: current,
    get: (id) => current().find((r) => r.id === id),
    async create(input) {
      checkRule(input);
      const rule: AlertRule = { ...input, id: `rule-${randomUUID()}`, builtin: false };
      await save([...current(), rule]);
      return rule;
    },
    async update(patch) {
      const before = find(patch.id);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const next: AlertRule = { ...before, ...defined, id: before.id, builtin: before.builtin };
      if (before.builtin && next.kind !== before.kind) refuse('the kind of a built-in rule cannot change', 'kind');
      checkRule(next);
      await save(current().map((r) => (r.id === next.id ? next : r)));
      return next;
    },
    async remove(id) {
      const rule = find(id);
      if (rule.builtin) throw new AppError('operation-invalid', `"${rule.name}" is built in: disable it instead of deleting it.`);
      await save(current().filter((r) => r.id !== id));
    },
    async seed() {
      if (current().length !== store.data.alertRules.length) await save(current());
    },
  };
}
