import { Group, Indicator, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { connectionQueries } from '../../features/Connections/queries';
import type { Connection } from '../../../shared/types';
import classes from './ConnectionIndicator.module.css';

function summarise(list: Connection[]): { color: string; text: string } {
  const connected = list.filter((c) => c.state === 'connected').length;
  const failing = list.some((c) => c.state === 'failed' || c.state === 'lost');
  const busy = list.some((c) => c.state === 'connecting' || c.state === 'reconnecting');
  if (list.length === 0) return { color: 'gray', text: 'No hosts' };
  const text = `${connected}/${list.length} connected`;
  if (failing) return { color: 'red', text };
  if (busy) return { color: 'yellow', text };
  return { color: connected > 0 ? 'teal' : 'gray', text };
}

/** Header summary of the hypervisor connections; a click opens the Connections screen. */
export function ConnectionIndicator({ onOpen }: { onOpen: () => void }) {
  const { data = [], isError } = useQuery(connectionQueries.list());
  const { color, text } = isError ? { color: 'red', text: 'Unknown' } : summarise(data);
  const details =
    data.length === 0 ? (
      <Text size="xs">No connections yet: add one under Connections.</Text>
    ) : (
      <Stack gap={2}>
        {data.map((c) => (
          <Text key={c.id} size="xs">
            {c.name}: {c.state}
          </Text>
        ))}
      </Stack>
    );
  return (
    <Tooltip label={details} multiline maw={320}>
      <UnstyledButton className={classes.root} onClick={onOpen} data-testid="connections-indicator" aria-label={`Hosts: ${text}`}>
        <Group gap={8} wrap="nowrap">
          <Indicator color={color} size={8} offset={2} processing={color === 'yellow'}>
            <IconPlugConnected size={18} stroke={1.6} />
          </Indicator>
          <Text size="sm" fw={500} visibleFrom="xs">
            {text}
          </Text>
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}
