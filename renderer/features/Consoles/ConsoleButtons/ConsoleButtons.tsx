/** "Serial console" and "Graphical console" for a machine: open (or show) its console tab in the dock. */
import { Button, Group, Tooltip } from '@mantine/core';
import { IconDeviceDesktop, IconTerminal2 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../../api';
import { useConsoles } from '../store';

interface Props {
  connectionId: string;
  uuid: string;
  name: string;
  running: boolean;
}

export function ConsoleButtons({ connectionId, uuid, name, running }: Props) {
  const { open } = useConsoles();
  const consoles = useQuery({
    queryKey: ['consoles', 'list', connectionId, uuid, running],
    queryFn: () => invoke('consoles.list', { connectionId, uuid }),
    enabled: running,
    staleTime: 30_000,
  });
  const hasVnc = consoles.data?.graphics.some((g) => g.type === 'vnc') ?? true;
  const notRunning = running ? null : 'The machine is not running.';
  return (
    <Group gap="xs" wrap="nowrap">
      <Tooltip label={notRunning} disabled={!notRunning}>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconTerminal2 size={14} />}
          disabled={!running}
          onClick={() => open({ kind: 'serial', connectionId, uuid, name })}
          data-testid="open-serial-console"
        >
          Serial console
        </Button>
      </Tooltip>
      <Tooltip label={notRunning ?? 'This machine has no VNC display.'} disabled={running && hasVnc}>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDeviceDesktop size={14} />}
          disabled={!running || !hasVnc}
          onClick={() => open({ kind: 'graphical', connectionId, uuid, name })}
          data-testid="open-graphical-console"
        >
          Graphical console
        </Button>
      </Tooltip>
    </Group>
  );
}
