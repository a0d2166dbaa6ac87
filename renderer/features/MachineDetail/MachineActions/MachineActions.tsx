/** The lifecycle actions of the machine's state, as labelled buttons (the table's icons, spelled out). */
import { Button, Group } from '@mantine/core';
import { useVmAction } from '../../Machines/use-vm-action';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { ACTIONS, actionsFor } from '../../Machines/vm-actions';

export function MachineActions({ row }: { row: VmRowData }) {
  const { run, pending } = useVmAction(row);
  return (
    <Group gap="xs" wrap="wrap" data-testid="machine-actions">
      {actionsFor(row.state).map((action) => {
        const info = ACTIONS[action];
        return (
          <Button
            key={action}
            size="xs"
            variant={action === 'destroy' ? 'light' : 'default'}
            color={action === 'destroy' ? 'red' : undefined}
            leftSection={<info.icon size={14} stroke={1.8} />}
            loading={pending}
            onClick={() => run(action)}
            data-testid={`machine-action-${action}`}
          >
            {info.label}
          </Button>
        );
      })}
    </Group>
  );
}
