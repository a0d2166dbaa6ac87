/** Create or edit an alert rule. Built-in rules keep their kind; everything else is editable. */
import { Alert, Button, Group, Modal, NumberInput, Select, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { AlertRule } from '../../../../shared/contract/alerts';
import { HOST_SERIES_NAMES, VM_SERIES_NAMES } from '../../../../shared/contract/metrics-series';
import { errorMessage } from '../../../api';
import { connectionQueries } from '../../Connections/queries';
import { vmQueries } from '../../Machines/queries';
import { seriesLabel } from '../../Monitoring/format';
import { useSaveRule } from '../mutations';
import {
  emptyRule,
  fromRule,
  NEEDS_METRIC,
  NEEDS_THRESHOLD,
  thresholdUnit,
  toRuleInput,
  validateRule,
  type RuleFormErrors,
  type RuleFormValues,
} from './rule-form';

const KINDS = [
  { value: 'threshold', label: 'A metric crosses a threshold' },
  { value: 'anomalous', label: 'A metric is anomalous for N min' },
  { value: 'vm-stopped-unexpectedly', label: 'A machine crashes or stops unexpectedly' },
  { value: 'host-unreachable', label: 'A host becomes unreachable' },
  { value: 'pool-full', label: 'A storage pool fills up' },
];

const METRICS = [
  { group: 'Machine', items: VM_SERIES_NAMES.map((s) => ({ value: s, label: seriesLabel(s) })) },
  { group: 'Host', items: HOST_SERIES_NAMES.map((s) => ({ value: s, label: seriesLabel(s) })) },
];

interface Props {
  rule?: AlertRule;
  onClose: () => void;
  onSaved: (r: AlertRule) => void;
}

export function RuleFormModal({ rule, onClose, onSaved }: Props) {
  const [values, setValues] = useState<RuleFormValues>(() => (rule ? fromRule(rule) : emptyRule()));
  const [errors, setErrors] = useState<RuleFormErrors>({});
  const [tried, setTried] = useState(false);
  const save = useSaveRule();
  const connections = useQuery(connectionQueries.list());
  const vms = useQuery({ ...vmQueries.list(), enabled: values.scopeKind === 'vm' });
  const hostName = useMemo(() => new Map((connections.data ?? []).map((c) => [c.id, c.name])), [connections.data]);
  const machines = useMemo(
    () =>
      (vms.data ?? []).map((v) => ({
        value: `${v.connectionId}/${v.uuid}`,
        label: `${v.name} (${hostName.get(v.connectionId) ?? v.connectionId})`,
      })),
    [vms.data, hostName],
  );

  const set = <K extends keyof RuleFormValues>(key: K, value: RuleFormValues[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (tried) setErrors(validateRule(next));
  };

  const submit = () => {
    setTried(true);
    const e = validateRule(values);
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    save.mutate({ id: rule?.id, input: toRuleInput(values) }, { onSuccess: (r) => (onSaved(r), onClose()) });
  };

  const unit = thresholdUnit(values);
  const num = (v: string | number): number | '' => (v === '' ? '' : typeof v === 'number' ? v : Number(v));

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{rule ? `Edit ${rule.name}` : 'New alert rule'}</Text>} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="rule-form"
        noValidate
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            data-testid="rule-name"
            data-autofocus
          />
          <Select
            label="When"
            data={KINDS}
            value={values.kind}
            onChange={(v) => v && set('kind', v as RuleFormValues['kind'])}
            disabled={rule?.builtin}
            description={rule?.builtin ? 'A built-in rule keeps its kind.' : undefined}
            allowDeselect={false}
            data-testid="rule-kind"
          />
          {NEEDS_METRIC.has(values.kind) && (
            <Select
              label="Metric"
              data={METRICS}
              value={values.metric || null}
              onChange={(v) => set('metric', (v ?? '') as RuleFormValues['metric'])}
              error={errors.metric}
              searchable
              allowDeselect={false}
              description={
                values.kind === 'anomalous'
                  ? 'No threshold: the anomaly detector judges the metric against its own seasonal baseline.'
                  : undefined
              }
              data-testid="rule-metric"
            />
          )}
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Watches
            </Text>
            <SegmentedControl
              value={values.scopeKind}
              onChange={(v) => set('scopeKind', v as RuleFormValues['scopeKind'])}
              data={[
                { value: 'all', label: 'Everything' },
                { value: 'host', label: 'One host' },
                { value: 'vm', label: 'One machine' },
                { value: 'tag', label: 'A tag' },
              ]}
              data-testid="rule-scope"
            />
            {values.scopeKind === 'host' && (
              <Select
                aria-label="Host"
                placeholder="Choose a host"
                data={(connections.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                value={values.connectionId || null}
                onChange={(v) => set('connectionId', v ?? '')}
                error={errors.connectionId}
                data-testid="rule-host"
              />
            )}
            {values.scopeKind === 'vm' && (
              <Select
                aria-label="Machine"
                placeholder={vms.isPending ? 'Loading machines…' : 'Type to find a machine'}
                data={machines}
                value={values.machine || null}
                onChange={(v) => set('machine', v ?? '')}
                error={errors.machine}
                searchable
                limit={50}
                nothingFoundMessage="No machine matches"
                data-testid="rule-machine"
              />
            )}
            {values.scopeKind === 'tag' && (
              <TextInput
                aria-label="Tag"
                placeholder="e.g. production"
                value={values.tag}
                onChange={(e) => set('tag', e.currentTarget.value)}
                error={errors.tag}
                data-testid="rule-tag"
              />
            )}
          </Stack>
          {NEEDS_THRESHOLD.has(values.kind) && (
            <Group grow align="flex-start">
              <Select
                label="Condition"
                data={[
                  { value: 'above', label: 'above' },
                  { value: 'below', label: 'below' },
                ]}
                value={values.condition}
                onChange={(v) => v && set('condition', v as 'above' | 'below')}
                allowDeselect={false}
                data-testid="rule-condition"
              />
              <NumberInput
                label={`Threshold${unit ? ` (${unit})` : ''}`}
                value={values.threshold}
                onChange={(v) => set('threshold', num(v))}
                error={errors.threshold}
                data-testid="rule-threshold"
              />
              <NumberInput
                label={`Clears at${unit ? ` (${unit})` : ''}`}
                description="Empty: at the threshold"
                value={values.clearThreshold}
                onChange={(v) => set('clearThreshold', num(v))}
                error={errors.clearThreshold}
                data-testid="rule-clear"
              />
            </Group>
          )}
          {values.kind !== 'vm-stopped-unexpectedly' && (
            <Group align="flex-start" grow>
              <NumberInput
                label="For"
                description={
                  values.kind === 'anomalous'
                    ? 'How long the detector must keep flagging the metric before the alert fires'
                    : 'How long the condition must hold before the alert fires'
                }
                min={0}
                value={values.forValue}
                onChange={(v) => set('forValue', num(v))}
                error={errors.forValue}
                data-testid="rule-for"
              />
              <Select
                label="Unit"
                mt={22}
                data={[
                  { value: 's', label: 'seconds' },
                  { value: 'min', label: 'minutes' },
                  { value: 'h', label: 'hours' },
                ]}
                value={values.forUnit}
                onChange={(v) => v && set('forUnit', v as RuleFormValues['forUnit'])}
                allowDeselect={false}
                data-testid="rule-for-unit"
              />
            </Group>
          )}
          <Group justify="space-between" align="flex-end">
            <Select
              label="Severity"
              data={['info', 'warning', 'critical']}
              value={values.severity}
              onChange={(v) => v && set('severity', v as RuleFormValues['severity'])}
              allowDeselect={false}
              w={180}
              data-testid="rule-severity"
            />
            <Switch
              label="Enabled"
              checked={values.enabled}
              onChange={(e) => set('enabled', e.currentTarget.checked)}
              data-testid="rule-enabled"
            />
          </Group>
          {save.isError && (
            <Alert color="red" title="Not saved" data-testid="rule-save-error">
              {errorMessage(save.error)}
            </Alert>
          )}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="rule-save">
              {rule ? 'Save' : 'Create rule'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
