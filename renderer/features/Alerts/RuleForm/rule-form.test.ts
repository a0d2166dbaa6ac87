import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../../shared/contract/alerts';
import { AlertRuleInput } from '../../../../shared/contract/alerts';
import { emptyRule, fromRule, toRuleInput, validateRule, type RuleFormValues } from './rule-form';

const valid = (over: Partial<RuleFormValues> = {}): RuleFormValues => ({ ...emptyRule(), name: 'CPU hot', ...over });

describe('rule form validation', () => {
  it('accepts the defaults with a name, and makes an input the contract accepts', () => {
    const v = valid();
    expect(validateRule(v)).toEqual({});
    const input = toRuleInput(v);
    expect(AlertRuleInput.safeParse(input).success).toBe(true);
    expect(input).toMatchObject({ kind: 'threshold', metric: 'cpu_pct', threshold: 90, forSec: 300, scope: { kind: 'all' } });
  });

  it('asks for a name, a threshold and a duration', () => {
    const e = validateRule(valid({ name: '  ', threshold: '', forValue: '' }));
    expect(e.name).toBe('A name is required');
    expect(e.threshold).toBe('A threshold is required');
    expect(e.forValue).toMatch(/must hold/);
  });

  it('keeps percentages between 0 and 100, durations within 7 days and whole seconds', () => {
    expect(validateRule(valid({ threshold: 150 })).threshold).toBe('Between 0 and 100 %');
    expect(validateRule(valid({ metric: 'net_rx_bps', threshold: 150 })).threshold).toBeUndefined();
    expect(validateRule(valid({ forValue: 8, forUnit: 'h' })).forValue).toBeUndefined();
    expect(validateRule(valid({ forValue: 200, forUnit: 'h' })).forValue).toBe('At most 7 days');
    expect(validateRule(valid({ forValue: 1.5, forUnit: 's' })).forValue).toBe('Whole seconds only');
  });

  it('wants the clear threshold on the safe side of the threshold (hysteresis)', () => {
    expect(validateRule(valid({ threshold: 90, clearThreshold: 95 })).clearThreshold).toMatch(/at or below/);
    expect(validateRule(valid({ threshold: 90, clearThreshold: 80 })).clearThreshold).toBeUndefined();
    expect(validateRule(valid({ condition: 'below', threshold: 10, clearThreshold: 5 })).clearThreshold).toMatch(/at or above/);
  });

  it('needs the subject of a scope, and refuses a host metric on machines', () => {
    expect(validateRule(valid({ scopeKind: 'host' })).connectionId).toBe('Choose the host');
    expect(validateRule(valid({ scopeKind: 'vm' })).machine).toBe('Choose the machine');
    expect(validateRule(valid({ scopeKind: 'tag', tag: ' ' })).tag).toBe('Type the tag');
    expect(validateRule(valid({ scopeKind: 'vm', machine: 'c/x', metric: 'host_cpu_pct' })).metric).toMatch(/host metric/);
  });

  it('needs no metric or threshold for a lifecycle rule', () => {
    expect(validateRule(valid({ kind: 'vm-stopped-unexpectedly', metric: '', threshold: '', forValue: '' }))).toEqual({});
  });

  it('round-trips a stored rule through the form', () => {
    const rule: AlertRule = {
      id: 'r1',
      builtin: false,
      name: 'web1 CPU',
      kind: 'threshold',
      metric: 'cpu_pct',
      scope: { kind: 'vm', connectionId: 'c1', uuid: '00000000-0000-4000-8000-000000000001' },
      condition: 'above',
      threshold: 50,
      clearThreshold: 40,
      forSec: 5,
      severity: 'critical',
      enabled: true,
    };
    const form = fromRule(rule);
    expect(form).toMatchObject({ scopeKind: 'vm', machine: 'c1/00000000-0000-4000-8000-000000000001', forValue: 5, forUnit: 's' });
    const { id: _id, builtin: _b, ...rest } = rule;
    expect(toRuleInput(form)).toEqual(rest);
  });
});
