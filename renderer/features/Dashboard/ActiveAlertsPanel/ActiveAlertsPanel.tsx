/** The alerts pending or firing now, the most severe first. */
import { Anchor, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Severity } from '../../../../shared/contract/alerts';
import { machinePath, hostPath } from '../../../app/paths';
import { AlertStateBadge, SeverityBadge } from '../../Alerts/AlertBadges/AlertBadges';
import { ago } from '../../Alerts/alert-text';
import { alertQueries, isActive } from '../../Alerts/queries';

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export function ActiveAlertsPanel() {
  const alerts = useQuery(alertQueries.list());
  if (alerts.isPending) return <Skeleton h={80} />;
  if (alerts.isError)
    return (
      <Text size="sm" c="dimmed">
        Alerts are not available: {alerts.error.message}
      </Text>
    );
  const active = alerts.data
    .filter(isActive)
    .sort((a, b) => (a.state === b.state ? 0 : a.state === 'firing' ? -1 : 1) || RANK[a.severity] - RANK[b.severity] || b.since - a.since);
  return (
    <Stack gap={6} data-testid="dash-alerts" data-count={active.length}>
      {active.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing pending or firing.{' '}
          <Anchor href="#/alerts" size="sm">
            Alert centre
          </Anchor>
        </Text>
      )}
      {active.slice(0, 8).map((a) => (
        <Group key={a.id} gap="xs" wrap="nowrap" data-testid="dash-alert-row" data-state={a.state}>
          <SeverityBadge severity={a.severity} />
          <AlertStateBadge state={a.state} />
          <Text size="sm" fw={500} truncate>
            {a.ruleName}
          </Text>
          <Anchor
            href={a.subject.uuid ? machinePath(a.subject.connectionId, a.subject.uuid) : hostPath(a.subject.connectionId)}
            size="sm"
            truncate
          >
            {a.subject.name}
          </Anchor>
          <Text size="xs" c="dimmed" ml="auto" style={{ whiteSpace: 'nowrap' }}>
            {ago(a.since)}
          </Text>
        </Group>
      ))}
      {active.length > 8 && (
        <Anchor href="#/alerts" size="sm">
          {active.length - 8} more in the alert centre
        </Anchor>
      )}
    </Stack>
  );
}
