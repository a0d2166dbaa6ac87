/** The top consumers of CPU, memory, disk and network, live (metrics.now kept current by the sweeps). */
import { Anchor, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { machinePath } from '../../../app/paths';
import { connectionQueries } from '../../Connections/queries';
import { formatValue } from '../../Monitoring/format';
import { metricsQueries } from '../../Monitoring/queries';
import { RESOURCES, topConsumers } from './top-consumers';
import classes from './TopConsumersPanel.module.css';

export function TopConsumersPanel() {
  const now = useQuery(metricsQueries.now());
  const connections = useQuery(connectionQueries.list());
  if (now.isPending) return <Skeleton h={160} />;
  const hostName = new Map((connections.data ?? []).map((c) => [c.id, c.name]));
  const vms = now.data?.vms ?? [];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, xl: 4 }} spacing="md">
      {RESOURCES.map((r) => {
        const top = topConsumers(vms, r);
        const max = Math.max(...top.map((t) => t.value), r.unit === '%' ? 100 : 0);
        return (
          <Stack key={r.id} gap={6} data-testid={`top-${r.id}`} data-count={top.length}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.03em' }}>
              {r.title}
            </Text>
            {top.length === 0 && (
              <Text size="sm" c="dimmed">
                No running machine reports it yet.
              </Text>
            )}
            {top.map((t, i) => (
              <div
                key={`${t.connectionId}/${t.uuid}`}
                className={classes.row}
                data-testid={`top-${r.id}-row`}
                data-name={t.name}
                data-value={t.value}
                data-rank={i + 1}
              >
                <span className={classes.fill} style={{ width: `${max > 0 ? (t.value / max) * 100 : 0}%` }} aria-hidden />
                <Group justify="space-between" wrap="nowrap" gap="xs" className={classes.content}>
                  <Group gap={6} wrap="nowrap" miw={0}>
                    <Anchor href={machinePath(t.connectionId, t.uuid)} size="sm" fw={500} truncate>
                      {t.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" truncate>
                      {hostName.get(t.connectionId) ?? t.connectionId}
                    </Text>
                  </Group>
                  <Text size="sm" fw={600} className={classes.value}>
                    {formatValue(t.value, r.unit)}
                  </Text>
                </Group>
              </div>
            ))}
          </Stack>
        );
      })}
    </SimpleGrid>
  );
}
