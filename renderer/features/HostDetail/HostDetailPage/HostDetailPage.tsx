/** A host's page (#/hosts/<connectionId>): its connection, maintenance and evacuation, its machines' count, its capacity and its charts. */
import { Alert, Anchor, Button, Center, EmptyState, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconLogout2, IconServerOff, IconTool } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { CapacityList } from '../../Analytics/CapacityList/CapacityList';
import { ConnectionStateBadge } from '../../Connections/ConnectionStateBadge/ConnectionStateBadge';
import { connectionQueries } from '../../Connections/queries';
import { openMigrationDialog } from '../../Migration/dialogs';
import { MAINTENANCE_HINT, MaintenanceBadge, MaintenanceSwitch } from '../../Migration/Maintenance/Maintenance';
import { HOST_CHARTS } from '../../Monitoring/chart-groups';
import { MetricsPanel } from '../../Monitoring/MetricsPanel/MetricsPanel';
import { HostMachinesCard } from '../HostMachinesCard/HostMachinesCard';

export function HostDetailPage({ connectionId }: { connectionId: string }) {
  const connections = useQuery(connectionQueries.list());
  if (connections.isPending) return <Skeleton h={240} />;
  const c = connections.data?.find((x) => x.id === connectionId);
  if (!c) {
    return (
      <Center mih={320} data-testid="host-missing">
        <EmptyState
          variant="light"
          icon={<IconServerOff size={28} stroke={1.5} />}
          title="No such host"
          description="This connection was removed."
        />
      </Center>
    );
  }
  const connected = c.state === 'connected';
  return (
    <Stack gap="md" data-testid="host-page">
      <Stack gap={6}>
        <Anchor href="#/connections" size="sm" data-testid="host-back">
          <Group gap={2} component="span" wrap="nowrap">
            <IconChevronLeft size={14} /> Connections
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
          <Stack gap={4} miw={0}>
            <Group gap="sm" wrap="nowrap">
              <Title order={2} fz="h3" data-testid="host-name">
                {c.name}
              </Title>
              <ConnectionStateBadge state={c.state} testId="host-state" />
              <MaintenanceBadge connection={c} testId="host-maintenance-badge" />
            </Group>
            <Text size="sm" c="dimmed">
              <Text span ff="monospace" fz={13}>
                {c.uri}
              </Text>
              {c.hostname && ` · ${c.hostname}`}
              {c.libvirtVersion && ` · libvirt ${c.libvirtVersion}`}
            </Text>
          </Stack>
          {!c.readOnly && (
            <Group gap="md" wrap="nowrap" data-testid="host-actions">
              <MaintenanceSwitch connection={c} />
              <Tooltip label="Connect the host first" disabled={connected}>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconLogout2 size={14} />}
                  disabled={!connected}
                  onClick={() => openMigrationDialog({ kind: 'evacuate', connectionId: c.id })}
                  data-testid="host-evacuate"
                >
                  Evacuate…
                </Button>
              </Tooltip>
            </Group>
          )}
        </Group>
      </Stack>
      {c.maintenance && (
        <Alert color="orange" variant="light" icon={<IconTool size={18} />} data-testid="host-maintenance-note">
          {MAINTENANCE_HINT}
        </Alert>
      )}
      <HostMachinesCard connectionId={c.id} connected={connected} />
      <Paper withBorder radius="sm" p="md" data-testid="host-capacity">
        <Stack gap="xs">
          <Group justify="space-between" align="baseline">
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
              Capacity
            </Text>
            <Anchor href="#/analytics" size="xs">
              All hosts in Analytics
            </Anchor>
          </Group>
          <CapacityList connectionId={c.id} compact />
        </Stack>
      </Paper>
      <Paper withBorder radius="sm" p="md" data-testid="host-metrics">
        <MetricsPanel
          connectionId={c.id}
          groups={HOST_CHARTS}
          title="Host metrics"
          note={connected ? undefined : 'Not connected: no new samples; the history stays.'}
        />
      </Paper>
    </Stack>
  );
}
