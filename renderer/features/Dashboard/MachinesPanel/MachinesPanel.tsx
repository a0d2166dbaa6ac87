/** Machines by state across every connected host: the counts and a bar of their shares. */
import { Anchor, Group, SimpleGrid, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { VmState } from '../../../../shared/types';
import { numberFormat } from '../../Machines/format';
import { vmQueries } from '../../Machines/queries';
import { Stat } from '../Stat/Stat';
import classes from './MachinesPanel.module.css';

/** The states as the panel groups them. */
const GROUPS: { id: string; label: string; color: string; states: VmState[] }[] = [
  { id: 'running', label: 'Running', color: 'teal', states: ['running', 'blocked'] },
  { id: 'paused', label: 'Paused', color: 'yellow', states: ['paused', 'pmsuspended'] },
  { id: 'shutoff', label: 'Shut off', color: 'gray', states: ['shutoff', 'shutdown', 'nostate'] },
  { id: 'crashed', label: 'Crashed', color: 'red', states: ['crashed'] },
];

export function MachinesPanel() {
  const vms = useQuery(vmQueries.list());
  if (vms.isPending) return <Skeleton h={120} />;
  const list = vms.data ?? [];
  const counts = GROUPS.map((g) => ({ ...g, count: list.filter((v) => g.states.includes(v.state)).length }));
  const total = list.length;
  return (
    <Stack gap="sm">
      <Group gap="xs" align="baseline">
        <Text fz={26} fw={700} lh={1.1} data-testid="dash-machines-total" data-count={total}>
          {numberFormat.format(total)}
        </Text>
        <Text size="sm" c="dimmed">
          machines ·{' '}
          <Anchor href="#/machines" size="sm">
            open the table
          </Anchor>
        </Text>
      </Group>
      <div className={classes.bar} aria-hidden>
        {counts
          .filter((c) => c.count > 0)
          .map((c) => (
            <Tooltip key={c.id} label={`${c.label}: ${numberFormat.format(c.count)}`}>
              <span style={{ flexGrow: c.count, background: `var(--mantine-color-${c.color}-6)` }} />
            </Tooltip>
          ))}
      </div>
      <SimpleGrid cols={4} spacing="xs">
        {counts.map((c) => (
          <Stat key={c.id} label={c.label} value={c.count} color={c.color} testId={`dash-machines-${c.id}`} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
