/** The fleet at a glance; the panels can be rearranged and the order is remembered. */
import { Button, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { ActiveAlertsPanel } from '../ActiveAlertsPanel/ActiveAlertsPanel';
import { DashboardPanel } from '../DashboardPanel/DashboardPanel';
import { spans, useDashboardLayout, type PanelId } from '../dashboard-layout';
import { HeatmapPanel, HeatmapRange } from '../HeatmapPanel/HeatmapPanel';
import { HostsPanel } from '../HostsPanel/HostsPanel';
import { MachinesPanel } from '../MachinesPanel/MachinesPanel';
import { TopConsumersPanel } from '../TopConsumersPanel/TopConsumersPanel';
import classes from './DashboardPage.module.css';

const TITLES: Record<PanelId, string> = {
  hosts: 'Hosts',
  machines: 'Machines by state',
  alerts: 'Active alerts',
  top: 'Top consumers',
  heatmap: 'CPU heatmap',
};

export function DashboardPage() {
  const { order, move, moveTo, reset } = useDashboardLayout();
  const [heatRange, setHeatRange] = useState(3_600_000);
  const span = spans(order);
  const body: Record<PanelId, ReactNode> = {
    hosts: <HostsPanel />,
    machines: <MachinesPanel />,
    alerts: <ActiveAlertsPanel />,
    top: <TopConsumersPanel />,
    heatmap: <HeatmapPanel rangeMs={heatRange} />,
  };
  return (
    <Stack gap="md">
      <PageHeader title="Dashboard" description="Every connected host and machine, live.">
        <Button variant="default" size="xs" onClick={reset} data-testid="dash-reset-layout">
          Reset layout
        </Button>
      </PageHeader>
      <div className={classes.grid} data-testid="dashboard" data-order={order.join(',')}>
        {order.map((id, i) => (
          <DashboardPanel
            key={id}
            id={id}
            title={TITLES[id]}
            index={i}
            count={order.length}
            span={span[id]}
            onMove={move}
            onDropAt={moveTo}
            extra={id === 'heatmap' ? <HeatmapRange value={heatRange} onChange={setHeatRange} /> : undefined}
          >
            {body[id]}
          </DashboardPanel>
        ))}
      </div>
    </Stack>
  );
}
