/** The alert centre: active alerts and the history (filter, acknowledge), the rules, and the webhook. */
import {
  Badge,
  Center,
  CloseButton,
  EmptyState,
  Group,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { IconBellCheck, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { errorMessage } from '../../../api';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { connectionQueries } from '../../Connections/queries';
import { AlertsTable } from '../AlertsTable/AlertsTable';
import { filterAlerts, type AlertFilter, type AlertView } from '../AlertsTable/filter-alerts';
import { alertQueries, isActive } from '../queries';
import { RulesTable } from '../RulesTable/RulesTable';
import { WebhookCard } from '../WebhookCard/WebhookCard';

export function AlertsPage() {
  const [tab, setTab] = useState<string | null>('alerts');
  const alerts = useQuery(alertQueries.list());
  const rules = useQuery(alertQueries.rules());
  const connections = useQuery(connectionQueries.list());
  const [filter, setFilter] = useState<AlertFilter>({ view: 'active', severity: 'any', text: '' });
  const text = useDeferredValue(filter.text);
  const shown = useMemo(() => filterAlerts(alerts.data ?? [], { ...filter, text }), [alerts.data, filter, text]);
  const ruleMap = useMemo(() => new Map((rules.data ?? []).map((r) => [r.id, r])), [rules.data]);
  const hostName = (id: string) => connections.data?.find((c) => c.id === id)?.name ?? id;
  const active = (alerts.data ?? []).filter(isActive).length;

  return (
    <Stack gap="md">
      <PageHeader title="Alerts" description="What is wrong now, what was, and the rules that watch." />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab
            value="alerts"
            data-testid="alerts-tab-alerts"
            rightSection={
              active > 0 ? (
                <Badge size="xs" circle={active < 10} color="red">
                  {active}
                </Badge>
              ) : undefined
            }
          >
            Alerts
          </Tabs.Tab>
          <Tabs.Tab value="rules" data-testid="alerts-tab-rules">
            Rules
          </Tabs.Tab>
          <Tabs.Tab value="webhook" data-testid="alerts-tab-webhook">
            Webhook
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="alerts" pt="md">
          <Stack gap="sm">
            <Group gap="sm" wrap="wrap">
              <SegmentedControl
                value={filter.view}
                onChange={(v) => setFilter((f) => ({ ...f, view: v as AlertView }))}
                data={[
                  { value: 'active', label: 'Active' },
                  { value: 'history', label: 'History' },
                  { value: 'all', label: 'All' },
                ]}
                data-testid="alerts-view"
              />
              <Select
                aria-label="Severity"
                w={150}
                value={filter.severity}
                onChange={(v) => setFilter((f) => ({ ...f, severity: (v ?? 'any') as AlertFilter['severity'] }))}
                data={[
                  { value: 'any', label: 'Any severity' },
                  { value: 'critical', label: 'Critical' },
                  { value: 'warning', label: 'Warning' },
                  { value: 'info', label: 'Info' },
                ]}
                allowDeselect={false}
                data-testid="alerts-severity"
              />
              <TextInput
                w={280}
                placeholder="Filter by rule, machine or message"
                aria-label="Filter alerts"
                leftSection={<IconSearch size={16} />}
                rightSection={
                  filter.text ? (
                    <CloseButton size="sm" aria-label="Clear filter" onClick={() => setFilter((f) => ({ ...f, text: '' }))} />
                  ) : undefined
                }
                value={filter.text}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setFilter((f) => ({ ...f, text: value }));
                }}
                data-testid="alerts-filter"
              />
              <Text size="sm" c="dimmed" data-testid="alerts-count" data-count={shown.length}>
                {shown.length} alert{shown.length === 1 ? '' : 's'}
              </Text>
            </Group>
            {alerts.isPending && <Skeleton h={200} />}
            {alerts.isError && (
              <Text c="red" size="sm">
                {errorMessage(alerts.error)}
              </Text>
            )}
            {alerts.data && shown.length === 0 && (
              <Center mih={200}>
                <EmptyState
                  variant="light"
                  icon={<IconBellCheck size={28} stroke={1.5} />}
                  title={filter.view === 'active' ? 'Nothing pending or firing' : 'No alerts match'}
                  description={
                    filter.view === 'active'
                      ? 'The rules are watching; anything that breaks one shows up here.'
                      : 'Try another view or filter.'
                  }
                />
              </Center>
            )}
            {shown.length > 0 && <AlertsTable alerts={shown} rules={ruleMap} hostName={hostName} />}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <RulesTable />
        </Tabs.Panel>
        <Tabs.Panel value="webhook" pt="md">
          <WebhookCard />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
