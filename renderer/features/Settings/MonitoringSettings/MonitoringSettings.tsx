/** How often hosts are measured, how long history is kept, and what it costs in memory and on disk. */
import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage, invoke, isApiError } from '../../../api';
import { formatBytes } from '../../Monitoring/format';
import { metricsKeys, metricsQueries } from '../../Monitoring/queries';
import { numberFormat } from '../../Machines/format';
import { toForm, toSettings, validateMonitoring, type MonitoringFormErrors, type MonitoringFormValues } from './monitoring-form';

const num = (v: string | number): number | '' => (v === '' ? '' : Number(v));

export function MonitoringSettings() {
  const client = useQueryClient();
  const settings = useQuery(metricsQueries.settings());
  const usage = useQuery(metricsQueries.usage());
  const [values, setValues] = useState<MonitoringFormValues | null>(null);
  const [errors, setErrors] = useState<MonitoringFormErrors>({});
  useEffect(() => {
    if (settings.data && values === null) setValues(toForm(settings.data));
  }, [settings.data, values]);

  const save = useMutation({
    mutationFn: (v: MonitoringFormValues) => invoke('metrics.updateSettings', toSettings(v)),
    onSuccess: (s) => {
      client.setQueryData(metricsKeys.settings, s);
      setValues(toForm(s));
      void client.invalidateQueries({ queryKey: metricsKeys.usage });
      notifications.show({
        color: 'teal',
        title: 'Monitoring settings saved',
        message: `Every ${s.intervalMs / 1000} s; 1-minute history ${s.retention1mDays} d, 15-minute ${s.retention15mDays} d.`,
      });
    },
    onError: (e) => {
      if (isApiError(e, 'invalid-input') && e.issues) {
        const map: Record<string, keyof MonitoringFormValues> = {
          intervalMs: 'intervalSec',
          recentMinutes: 'recentMinutes',
          retention1mDays: 'retention1mDays',
          retention15mDays: 'retention15mDays',
        };
        const next: MonitoringFormErrors = {};
        for (const i of e.issues) {
          const k = map[i.path.split('.')[0] ?? ''];
          if (k) next[k] = i.message;
        }
        setErrors(next);
      }
    },
  });

  const set = (k: keyof MonitoringFormValues, v: string | number) => {
    if (!values) return;
    const next = { ...values, [k]: num(v) };
    setValues(next);
    if (Object.keys(errors).length) setErrors(validateMonitoring(next));
  };
  const submit = () => {
    if (!values) return;
    const e = validateMonitoring(values);
    setErrors(e);
    if (Object.keys(e).length === 0) save.mutate(values);
  };
  const dirty = values && settings.data && JSON.stringify(toSettings(values)) !== JSON.stringify(settings.data);

  return (
    <Paper withBorder p="md" radius="sm" data-testid="monitoring-settings">
      <Stack gap="sm">
        <Title order={3} fz="md">
          Monitoring
        </Title>
        {settings.isPending && <Skeleton h={140} />}
        {settings.isError && (
          <Text c="red" size="sm">
            {errorMessage(settings.error)}
          </Text>
        )}
        {values && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Stack gap="sm">
              <SimpleGrid cols={2} spacing="sm">
                <NumberInput
                  label="Interval"
                  description="Seconds between two sweeps of a host"
                  step={0.5}
                  min={0.5}
                  max={300}
                  decimalScale={1}
                  value={values.intervalSec}
                  onChange={(v) => set('intervalSec', v)}
                  error={errors.intervalSec}
                  data-testid="mon-interval"
                />
                <NumberInput
                  label="Full resolution"
                  description="Minutes of every sample kept in memory"
                  min={5}
                  max={1440}
                  value={values.recentMinutes}
                  onChange={(v) => set('recentMinutes', v)}
                  error={errors.recentMinutes}
                  data-testid="mon-recent"
                />
                <NumberInput
                  label="1-minute history"
                  description="Days of 1-minute roll-ups on disk"
                  min={1}
                  max={90}
                  value={values.retention1mDays}
                  onChange={(v) => set('retention1mDays', v)}
                  error={errors.retention1mDays}
                  data-testid="mon-ret-1m"
                />
                <NumberInput
                  label="15-minute history"
                  description="Days of 15-minute roll-ups on disk"
                  min={7}
                  max={1095}
                  value={values.retention15mDays}
                  onChange={(v) => set('retention15mDays', v)}
                  error={errors.retention15mDays}
                  data-testid="mon-ret-15m"
                />
              </SimpleGrid>
              {save.isError && !isApiError(save.error, 'invalid-input') && <Alert color="red">{errorMessage(save.error)}</Alert>}
              <Group justify="flex-end">
                <Button type="submit" disabled={!dirty} loading={save.isPending} data-testid="mon-save">
                  Save
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="xs" style={{ letterSpacing: '0.03em' }}>
          History use
        </Text>
        {usage.isPending && <Skeleton h={40} />}
        {usage.data && (
          <SimpleGrid cols={4} spacing="sm" data-testid="monitoring-usage">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                Memory
              </Text>
              <Text size="sm" fw={600} data-testid="mon-usage-memory">
                {formatBytes(usage.data.memoryBytes)}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                On disk
              </Text>
              <Text size="sm" fw={600} data-testid="mon-usage-disk">
                {formatBytes(usage.data.diskBytes)}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                Series
              </Text>
              <Text size="sm" fw={600}>
                {numberFormat.format(usage.data.series)}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                Points
              </Text>
              <Text size="sm" fw={600}>
                {numberFormat.format(usage.data.points)}
              </Text>
            </Stack>
          </SimpleGrid>
        )}
        {usage.data && (
          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {usage.data.dir}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
