/** What migration.plan says a move would do: live or offline, memory against the target's free memory, each disk, blockers and warnings. */
import { Alert, Badge, Group, List, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconBan } from '@tabler/icons-react';
import type { MigrationDisk, MigrationPlan } from '../../../../shared/contract/migration';
import { formatMemory } from '../../Machines/format';
import { formatBytes } from '../../Storage/format';

const HANDLING: Record<MigrationDisk['handling'], { label: string; color: string }> = {
  copy: { label: 'copied', color: 'blue' },
  shared: { label: 'shared', color: 'teal' },
  skip: { label: 'left alone', color: 'gray' },
};

function diskOutcome(d: MigrationDisk, mode: MigrationPlan['mode'], copyStorage: boolean): string {
  if (d.handling === 'shared') return 'on storage both hosts share: nothing to copy';
  if (d.handling === 'skip') return 'read-only or removable: not copied';
  const where = d.targetPool ? ` into pool ${d.targetPool}` : '';
  if (mode === 'offline') return `streamed to the target${where}; the source’s copy stays`;
  return copyStorage ? `copied live (NBD)${where}` : 'not copied: turn on “Copy non-shared storage” or the target cannot open it';
}

export function PlanView({ plan, copyStorage }: { plan: MigrationPlan; copyStorage: boolean }) {
  const free = plan.target.freeMemoryKiB;
  const short = free !== null && free < plan.memoryKiB;
  return (
    <Stack gap="sm" data-testid="migrate-plan" data-mode={plan.mode} data-blocked={plan.blockers.length > 0}>
      <Paper withBorder radius="sm" p="sm">
        <Group gap="xl" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              Mode
            </Text>
            <Badge
              variant="light"
              color={plan.mode === 'live' ? 'blue' : 'gray'}
              style={{ textTransform: 'none' }}
              data-testid="migrate-plan-mode"
            >
              {plan.mode}
            </Badge>
          </Stack>
          <Stack gap={2} style={{ flexShrink: 0 }}>
            <Text size="xs" c="dimmed">
              Memory
            </Text>
            <Text size="sm" fw={500} data-testid="migrate-plan-memory">
              {formatMemory(plan.memoryKiB)}
              <Text span size="sm" c={short ? 'red' : 'dimmed'} fw={400}>
                {' '}
                of {free === null ? 'unknown' : formatMemory(free)} free on {plan.target.name}
              </Text>
            </Text>
          </Stack>
          <Stack gap={2} miw={0} style={{ flex: 1 }}>
            <Text size="xs" c="dimmed">
              Route
            </Text>
            <Text size="sm" truncate title={`${plan.source.name} → ${plan.target.name}`}>
              {plan.source.name} → {plan.target.name}
              {plan.target.hostname && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({plan.target.hostname})
                </Text>
              )}
            </Text>
          </Stack>
        </Group>
      </Paper>
      {plan.disks.length > 0 && (
        <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm" data-testid="migrate-plan-disks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={64}>Disk</Table.Th>
              <Table.Th w={80} ta="right">
                Size
              </Table.Th>
              <Table.Th w={96}>Handling</Table.Th>
              <Table.Th>What happens</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.disks.map((d) => (
              <Table.Tr key={d.target} data-testid={`migrate-disk-${d.target}`} data-handling={d.handling}>
                <Table.Td>
                  <Tooltip label={d.path ?? 'no source'} openDelay={300}>
                    <Text size="sm" ff="monospace">
                      {d.target}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {d.capacity > 0 ? formatBytes(d.capacity) : '—'}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={HANDLING[d.handling].color} style={{ textTransform: 'none' }}>
                    {HANDLING[d.handling].label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {diskOutcome(d, plan.mode, copyStorage)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {plan.blockers.length > 0 && (
        <Alert color="red" variant="light" icon={<IconBan size={18} />} title="Cannot migrate" data-testid="migrate-blockers">
          <List size="sm" spacing={2}>
            {plan.blockers.map((b) => (
              <List.Item key={b}>{b}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {plan.warnings.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Worth knowing" data-testid="migrate-warnings">
          <List size="sm" spacing={2}>
            {plan.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
