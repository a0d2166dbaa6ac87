/** The machine at a glance, from what the list already knows (the workspace's overview card will replace it). */
import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatMemory } from '../../Machines/format';
import type { VmRowData } from '../../Machines/use-vm-rows';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

export function SummaryCard({ row }: { row: VmRowData }) {
  return (
    <Paper withBorder radius="sm" p="md" data-testid="machine-summary">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
        <Fact label="vCPUs" testId="machine-vcpus">
          {row.vcpus}
        </Fact>
        <Fact label="Memory" testId="machine-memory">
          {formatMemory(row.memoryKiB)}
          {row.maxMemoryKiB > row.memoryKiB && (
            <Text span size="xs" c="dimmed">
              {' '}
              / {formatMemory(row.maxMemoryKiB)} max
            </Text>
          )}
        </Fact>
        <Fact label="Host">{row.host}</Fact>
        <Fact label="Domain ID">{row.id >= 0 ? row.id : '—'}</Fact>
        <Fact label="Definition">
          <Badge variant="light" color={row.persistent ? 'gray' : 'orange'} style={{ textTransform: 'none' }}>
            {row.persistent ? 'persistent' : 'transient'}
          </Badge>
        </Fact>
        <Fact label="Autostart">
          <Group gap={4}>
            <Badge variant="light" color={row.autostart ? 'teal' : 'gray'} style={{ textTransform: 'none' }}>
              {row.autostart ? 'on' : 'off'}
            </Badge>
          </Group>
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}
