/** How many machines the host has, by state, with a way to see them in the table. */
import { Badge, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { VmState } from '../../../../shared/types';
import { vmQueries } from '../../Machines/queries';
import { vmStateLabel } from '../../Machines/vm-state';
import { numberFormat } from '../../Machines/format';

const ORDER: VmState[] = ['running', 'paused', 'blocked', 'shutdown', 'pmsuspended', 'crashed', 'shutoff', 'nostate'];
const COLOR: Partial<Record<VmState, string>> = { running: 'teal', paused: 'yellow', crashed: 'red', shutdown: 'orange', blocked: 'cyan' };

export function HostMachinesCard({ connectionId, connected }: { connectionId: string; connected: boolean }) {
  const vms = useQuery({ ...vmQueries.list(connectionId), enabled: connected });
  const counts = new Map<VmState, number>();
  for (const v of vms.data ?? []) counts.set(v.state, (counts.get(v.state) ?? 0) + 1);
  const total = vms.data?.length ?? 0;
  return (
    <Paper withBorder radius="sm" p="md" data-testid="host-machines">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
            Machines
          </Text>
          {!connected ? (
            <Text size="sm" c="dimmed">
              Not connected
            </Text>
          ) : vms.isPending ? (
            <Skeleton h={24} w={200} />
          ) : (
            <Group gap="sm" wrap="wrap">
              <Text fw={700} fz="xl" data-testid="host-machines-total" data-count={total}>
                {numberFormat.format(total)}
              </Text>
              {ORDER.filter((s) => counts.get(s)).map((s) => (
                <Badge
                  key={s}
                  variant="light"
                  color={COLOR[s] ?? 'gray'}
                  style={{ textTransform: 'none' }}
                  data-testid={`host-machines-${s}`}
                >
                  {numberFormat.format(counts.get(s) ?? 0)} {vmStateLabel(s)}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
        <Button component="a" href="#/machines" variant="default" size="xs">
          Open Machines
        </Button>
      </Group>
    </Paper>
  );
}
