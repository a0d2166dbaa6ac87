/** The machine page's title row: back to the table, name, state, host, and the lifecycle actions. */
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { hostPath } from '../../../app/paths';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { VmStateBadge } from '../../Machines/VmStateBadge/VmStateBadge';
import { ConsoleButtons } from '../../Consoles/ConsoleButtons/ConsoleButtons';
import { MachineActions } from '../MachineActions/MachineActions';

export function MachineHeader({ row }: { row: VmRowData }) {
  return (
    <Stack gap={6}>
      <Anchor href="#/machines" size="sm" data-testid="machine-back">
        <Group gap={2} component="span" wrap="nowrap">
          <IconChevronLeft size={14} /> Machines
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <Stack gap={4} miw={0}>
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Title order={2} fz="h3" data-testid="machine-name" style={{ overflowWrap: 'anywhere' }}>
              {row.name}
            </Title>
            <VmStateBadge state={row.state} testId="machine-state" />
          </Group>
          <Text size="sm" c="dimmed">
            on{' '}
            <Anchor href={hostPath(row.connectionId)} size="sm" data-testid="machine-host">
              {row.host}
            </Anchor>
            <Text span size="xs" ff="monospace" c="dimmed" ml="sm">
              {row.uuid}
            </Text>
          </Text>
        </Stack>
        <Group gap="xs" wrap="wrap">
          <ConsoleButtons
            connectionId={row.connectionId}
            uuid={row.uuid}
            name={row.name}
            running={row.state === 'running' || row.state === 'paused' || row.state === 'blocked'}
          />
          <MachineActions row={row} />
        </Group>
      </Group>
    </Stack>
  );
}
