/** Hosts up and down, each with its CPU and memory now. */
import { Anchor, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ConnectionState } from '../../../../shared/types';
import { hostPath } from '../../../app/paths';
import { ConnectionStateBadge } from '../../Connections/ConnectionStateBadge/ConnectionStateBadge';
import { connectionQueries } from '../../Connections/queries';
import { formatValue } from '../../Monitoring/format';
import { metricsQueries } from '../../Monitoring/queries';
import { Stat } from '../Stat/Stat';

const DOWN: ReadonlySet<ConnectionState> = new Set(['lost', 'reconnecting', 'failed']);

export function HostsPanel() {
  const connections = useQuery(connectionQueries.list());
  const now = useQuery(metricsQueries.now());
  if (connections.isPending) return <Skeleton h={120} />;
  const list = connections.data ?? [];
  const up = list.filter((c) => c.state === 'connected').length;
  const down = list.filter((c) => DOWN.has(c.state)).length;
  const off = list.length - up - down;
  const hostNow = new Map((now.data?.hosts ?? []).map((h) => [h.connectionId, h]));
  return (
    <Stack gap="sm">
      <SimpleGrid cols={3} spacing="xs">
        <Stat label="Up" value={up} color="teal" testId="dash-hosts-up" />
        <Stat label="Down" value={down} color={down > 0 ? 'red' : 'gray'} testId="dash-hosts-down" />
        <Stat label="Not connected" value={off} color="gray" testId="dash-hosts-off" />
      </SimpleGrid>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          No hosts yet: add one under <Anchor href="#/connections">Connections</Anchor>.
        </Text>
      ) : (
        <Table verticalSpacing={4} horizontalSpacing="xs" layout="fixed" fz="sm">
          <Table.Tbody>
            {list.map((c) => {
              const h = hostNow.get(c.id);
              return (
                <Table.Tr key={c.id} data-testid={`dash-host-${c.name}`}>
                  <Table.Td>
                    <Anchor href={hostPath(c.id)} size="sm" fw={500} truncate display="block">
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td w={124}>
                    <ConnectionStateBadge state={c.state} />
                  </Table.Td>
                  <Table.Td w={178} ta="right">
                    {h ? (
                      <Text
                        size="xs"
                        c="dimmed"
                        style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
                        data-testid={`dash-host-load-${c.name}`}
                      >
                        CPU{' '}
                        <Text span size="xs" fw={600} c="var(--mantine-color-text)">
                          {formatValue(h.values.host_cpu_pct, '%')}
                        </Text>
                        {' · '}Mem{' '}
                        <Text span size="xs" fw={600} c="var(--mantine-color-text)">
                          {formatValue(h.values.host_mem_used_pct, '%')}
                        </Text>
                      </Text>
                    ) : (
                      <Text size="xs" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
