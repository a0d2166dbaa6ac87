/** What fills first: hosts' memory and CPU and storage pools, ranked, with days until full and its interval. */
import { Badge, Group, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { CapacityItem } from '../../../../shared/contract/analytics';
import { hostPath } from '../../../app/paths';
import { capacityStatus, capacityText, capacityUsage, formatInterval, formatDays, formatSpan, KIND_LABEL } from '../format';
import { analyticsQueries } from '../queries';
import { QueryFallback } from '../QueryFallback';

interface Props {
  /** Only this host's rows (its memory, CPU and pools). */
  connectionId?: string;
  /** Only this storage pool's row (on the pool's own page); needs connectionId. */
  pool?: string;
  /** Leave out the host column (on the host's own page). */
  compact?: boolean;
}

/** The bar's colour by how full it is now (the status badge speaks for the trend). */
const fillColor = (pct: number) => (pct >= 90 ? 'red' : pct >= 75 ? 'orange' : 'blue');

const rowId = (i: CapacityItem) => `${i.kind}-${i.host}${i.pool ? `-${i.pool}` : ''}`;

function DaysCell({ item }: { item: CapacityItem }) {
  if (item.status === 'insufficient-history')
    return (
      <Stack gap={0}>
        <Text size="sm" c="dimmed">
          —
        </Text>
        <Text size="xs" c="dimmed">
          {item.basis.samples} sample{item.basis.samples === 1 ? '' : 's'} so far
        </Text>
      </Stack>
    );
  if (item.days === null)
    return (
      <Text size="sm" c="dimmed">
        Not within a year
      </Text>
    );
  const interval = formatInterval(item.low, item.high);
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {formatDays(item.days)}
      </Text>
      {interval && (
        <Text size="xs" c="dimmed">
          likely {interval}
        </Text>
      )}
    </Stack>
  );
}

export function CapacityList({ connectionId, pool, compact }: Props) {
  const q = useQuery(analyticsQueries.capacity());
  if (!q.isSuccess) return <QueryFallback query={q} height={120} />;
  const items = q.data.items.filter(
    (i) => (!connectionId || i.connectionId === connectionId) && (pool === undefined || (i.kind === 'pool' && i.pool === pool)),
  );
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="capacity-empty">
        {pool !== undefined
          ? 'No forecast for this pool yet: it appears once the pool has been sampled for a while.'
          : 'Nothing to plan yet: connect a host and its memory, CPU and storage pools show up here.'}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={compact ? 560 : 760}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="capacity-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Resource</Table.Th>
            {!compact && <Table.Th>Host</Table.Th>}
            <Table.Th w={200}>Now</Table.Th>
            <Table.Th>Full in</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => {
            const status = capacityStatus(i);
            return (
              <Table.Tr
                key={rowId(i)}
                data-testid={`capacity-row-${rowId(i)}`}
                data-kind={i.kind}
                data-status={i.status}
                data-days={i.days ?? ''}
              >
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm" fw={500}>
                      {i.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {KIND_LABEL[i.kind]}
                    </Text>
                  </Stack>
                </Table.Td>
                {!compact && (
                  <Table.Td>
                    <Text component="a" href={hostPath(i.connectionId)} size="sm" c="blue">
                      {i.host}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <Stack gap={4}>
                    <Group justify="space-between" gap="xs" wrap="nowrap">
                      <Text size="xs">{capacityUsage(i)}</Text>
                      <Text size="xs" fw={600}>
                        {Math.round(i.fillPct)} %
                      </Text>
                    </Group>
                    <Progress value={Math.min(100, Math.max(0, i.fillPct))} color={fillColor(i.fillPct)} size="sm" />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Tooltip
                    label={`${capacityText(i)} — from ${i.basis.samples} samples (${i.basis.tier}) over ${formatSpan(i.basis.to - i.basis.from)}`}
                    multiline
                    w={280}
                  >
                    <div>
                      <DaysCell item={i} />
                    </div>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={status.tone} data-testid="capacity-status">
                    {status.text}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
