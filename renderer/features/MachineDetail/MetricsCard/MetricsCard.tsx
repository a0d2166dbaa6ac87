/** Every series of the machine, charted. */
import { Paper } from '@mantine/core';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { VM_CHARTS } from '../../Monitoring/chart-groups';
import { MetricsPanel } from '../../Monitoring/MetricsPanel/MetricsPanel';

const ACTIVE = new Set(['running', 'blocked', 'paused', 'shutdown']);

export function MetricsCard({ row }: { row: VmRowData }) {
  const note = ACTIVE.has(row.state) ? undefined : 'The machine is not running: no new samples; the history stays.';
  return (
    <Paper withBorder radius="sm" p="md" data-testid="machine-metrics">
      <MetricsPanel connectionId={row.connectionId} uuid={row.uuid} groups={VM_CHARTS} note={note} />
    </Paper>
  );
}
