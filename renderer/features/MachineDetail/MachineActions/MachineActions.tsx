/** The lifecycle actions of the machine's state, as labelled buttons (the table's icons, spelled out), and More (save, clone, delete). */
import { Button, Group, Text, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useReadOnly } from '../../Machines/read-only';
import { useVmAction } from '../../Machines/use-vm-action';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { ACTIONS, pageActionsFor } from '../../Machines/vm-actions';
import { LifecycleMenu } from '../LifecycleMenu/LifecycleMenu';

export function MachineActions({ row }: { row: VmRowData }) {
  const { run, pending } = useVmAction(row);
  const readOnly = useReadOnly(row.connectionId);
  if (readOnly)
    return (
      <Tooltip label={readOnly} multiline w={300}>
        <Group gap={4} data-testid="machine-read-only">
          <IconLock size={14} />
          <Text size="sm" c="dimmed">
            Read-only connection
          </Text>
        </Group>
      </Tooltip>
    );
  return (
    <Group gap="xs" wrap="wrap" data-testid="machine-actions">
      {pageActionsFor(row.state).map((action) => {
        const info = ACTIONS[action];
        const hard = action === 'destroy' || action === 'reset';
        return (
          <Button
            key={action}
            size="xs"
            variant={hard ? 'light' : 'default'}
            color={hard ? 'red' : undefined}
            leftSection={<info.icon size={14} stroke={1.8} />}
            loading={pending}
            onClick={() => run(action)}
            data-testid={`machine-action-${action}`}
          >
            {info.label}
          </Button>
        );
      })}
      <LifecycleMenu row={row} />
    </Group>
  );
}
