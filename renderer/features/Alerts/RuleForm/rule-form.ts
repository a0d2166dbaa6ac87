/**
 * The rule form's fields, their validation (a pure function from fields to
 * messages) and the contract input they make. Thresholds are typed in the
 * metric's own unit (%, KiB, B/s, 1/s); durations in seconds, minutes or hours.
 */
import type { AlertRule, AlertRuleInput, RuleKind, Severity } from '../../../../shared/contract/alerts';
import { isHostSeries, type SeriesName } from '../../../../shared/contract/metrics-series';
import { seriesInfo } from '../../Monitoring/format';

export type ScopeKind = 'all' | 'host' | 'vm' | 'tag';
export type DurationUnit = 's' | 'min' | 'h';

export interface RuleFormValues {
  name: string;
  kind: RuleKind;
  metric: SeriesName | '';
  scopeKind: ScopeKind;
  connectionId: string;
  /** "<connectionId>/<uuid>" of the machine, for a one-machine scope. */
  machine: string;
  tag: string;
  condition: 'above' | 'below';
  threshold: number | '';
  clearThreshold: number | '';
  forValue: number | '';
  forUnit: DurationUnit;
  severity: Severity;
  enabled: boolean;
}

export type RuleFormErrors = Partial<Record<keyof RuleFormValues, string>>;

const UNIT_SEC: Record<DurationUnit, number> = { s: 1, min: 60, h: 3600 };
const MAX_FOR_SEC = 7 * 86400;

export const NEEDS_METRIC: ReadonlySet<RuleKind> = new Set(['threshold', 'anomalous']);
export const NEEDS_THRESHOLD: ReadonlySet<RuleKind> = new Set(['threshold', 'pool-full']);

export const emptyRule = (): RuleFormValues => ({
  name: '',
  kind: 'threshold',
  metric: 'cpu_pct',
  scopeKind: 'all',
  connectionId: '',
  machine: '',
  tag: '',
  condition: 'above',
  threshold: 90,
  clearThreshold: '',
  forValue: 5,
  forUnit: 'min',
  severity: 'warning',
  enabled: true,
});

/** The unit the threshold is typed in. */
export function thresholdUnit(v: Pick<RuleFormValues, 'kind' | 'metric'>): string {
  if (v.kind === 'pool-full') return '%';
  return v.metric ? seriesInfo(v.metric).unit : '';
}

function splitDuration(sec: number): { forValue: number; forUnit: DurationUnit } {
  if (sec > 0 && sec % 3600 === 0) return { forValue: sec / 3600, forUnit: 'h' };
  if (sec > 0 && sec % 60 === 0) return { forValue: sec / 60, forUnit: 'min' };
  return { forValue: sec, forUnit: 's' };
}

export function fromRule(r: AlertRule): RuleFormValues {
  return {
    name: r.name,
    kind: r.kind,
    metric: r.metric ?? '',
    scopeKind: r.scope.kind,
    connectionId: r.scope.kind === 'host' || r.scope.kind === 'vm' ? r.scope.connectionId : '',
    machine: r.scope.kind === 'vm' ? `${r.scope.connectionId}/${r.scope.uuid}` : '',
    tag: r.scope.kind === 'tag' ? r.scope.tag : '',
    condition: r.condition,
    threshold: r.threshold ?? '',
    clearThreshold: r.clearThreshold ?? '',
    ...splitDuration(r.forSec),
    severity: r.severity,
    enabled: r.enabled,
  };
}

export function validateRule(v: RuleFormValues): RuleFormErrors {
  const e: RuleFormErrors = {};
  const name = v.name.trim();
  if (!name) e.name = 'A name is required';
  else if (name.length > 120) e.name = 'At most 120 characters';
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f-\u009f]/.test(v.name)) e.name = 'No control characters (tabs, newlines)';

  if (NEEDS_METRIC.has(v.kind)) {
    if (!v.metric) e.metric = 'Choose the metric to watch';
    else if (isHostSeries(v.metric) && (v.scopeKind === 'vm' || v.scopeKind === 'tag'))
      e.metric = 'A host metric cannot watch machines: choose a host, or everything';
  }

  if (v.scopeKind === 'host' && !v.connectionId) e.connectionId = 'Choose the host';
  if (v.scopeKind === 'vm' && !v.machine) e.machine = 'Choose the machine';
  if (v.scopeKind === 'tag' && !v.tag.trim()) e.tag = 'Type the tag';
  else if (v.scopeKind === 'tag' && v.tag.trim().length > 64) e.tag = 'At most 64 characters';

  if (NEEDS_THRESHOLD.has(v.kind)) {
    const unit = thresholdUnit(v);
    if (v.threshold === '' || !Number.isFinite(v.threshold)) e.threshold = 'A threshold is required';
    else if (unit === '%' && (v.threshold < 0 || v.threshold > 100)) e.threshold = 'Between 0 and 100 %';
    else if (v.threshold < 0) e.threshold = 'Must not be negative';

    if (v.clearThreshold !== '' && v.threshold !== '' && !e.threshold) {
      if (!Number.isFinite(v.clearThreshold)) e.clearThreshold = 'Not a number';
      else if (unit === '%' && (v.clearThreshold < 0 || v.clearThreshold > 100)) e.clearThreshold = 'Between 0 and 100 %';
      else if (v.condition === 'above' && v.clearThreshold > v.threshold)
        e.clearThreshold = 'For an "above" rule, the alert clears at or below the threshold';
      else if (v.condition === 'below' && v.clearThreshold < v.threshold)
        e.clearThreshold = 'For a "below" rule, the alert clears at or above the threshold';
    }
  }

  if (v.kind !== 'vm-stopped-unexpectedly') {
    if (v.forValue === '' || !Number.isFinite(v.forValue)) e.forValue = 'How long the condition must hold (0 for at once)';
    else if (v.forValue < 0) e.forValue = 'Must not be negative';
    else if (!Number.isInteger(v.forValue * UNIT_SEC[v.forUnit])) e.forValue = 'Whole seconds only';
    else if (v.forValue * UNIT_SEC[v.forUnit] > MAX_FOR_SEC) e.forValue = 'At most 7 days';
  }
  return e;
}

/** The contract's input; call only when validateRule found nothing. */
export function toRuleInput(v: RuleFormValues): AlertRuleInput {
  const [vmConn = '', uuid = ''] = v.machine.split('/');
  const scope: AlertRuleInput['scope'] =
    v.scopeKind === 'host'
      ? { kind: 'host', connectionId: v.connectionId }
      : v.scopeKind === 'vm'
        ? { kind: 'vm', connectionId: vmConn, uuid }
        : v.scopeKind === 'tag'
          ? { kind: 'tag', tag: v.tag.trim() }
          : { kind: 'all' };
  const input: AlertRuleInput = {
    name: v.name.trim(),
    kind: v.kind,
    scope,
    condition: v.condition,
    forSec: v.kind === 'vm-stopped-unexpectedly' || v.forValue === '' ? 0 : Math.round(v.forValue * UNIT_SEC[v.forUnit]),
    severity: v.severity,
    enabled: v.enabled,
  };
  if (NEEDS_METRIC.has(v.kind) && v.metric) input.metric = v.metric;
  if (NEEDS_THRESHOLD.has(v.kind) && v.threshold !== '') {
    input.threshold = v.threshold;
    if (v.clearThreshold !== '') input.clearThreshold = v.clearThreshold;
  }
  return input;
}
