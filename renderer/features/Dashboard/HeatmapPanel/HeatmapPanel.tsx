/** Machines by CPU over the last hour: the busiest machines now, one row each (click a cell to open the machine). */
import { SegmentedControl, Skeleton, Text, useComputedColorScheme } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { go, machinePath } from '../../../app/paths';
import { Chart } from '../../../components/Chart/Chart';
import { CHART_COLORS } from '../../../components/Chart/chart-theme';
import type { ECharts } from '../../../components/Chart/echarts';
import { connectionQueries } from '../../Connections/queries';
import { metricsQueries } from '../../Monitoring/queries';
import { buildHeatmapOption } from './heatmap-option';

const WINDOWS = [
  { value: '900000', label: '15 min' },
  { value: '3600000', label: '1 h' },
  { value: '21600000', label: '6 h' },
];

export function HeatmapRange({ value, onChange }: { value: number; onChange: (ms: number) => void }) {
  return (
    <SegmentedControl
      size="xs"
      value={String(value)}
      onChange={(v) => onChange(Number(v))}
      data={WINDOWS}
      aria-label="Heatmap range"
      data-testid="heatmap-range"
    />
  );
}

export function HeatmapPanel({ rangeMs }: { rangeMs: number }) {
  const heat = useQuery(metricsQueries.heatmap(rangeMs, 60, 25));
  const connections = useQuery(connectionQueries.list());
  const scheme = useComputedColorScheme('light');
  const names = useMemo(() => new Map((connections.data ?? []).map((c) => [c.id, c.name])), [connections.data]);
  const option = useMemo(
    () => (heat.data ? buildHeatmapOption(heat.data, CHART_COLORS[scheme], (id) => names.get(id) ?? id) : undefined),
    [heat.data, scheme, names],
  );
  const rows = heat.data?.rows;
  const onChart = useCallback(
    (c: ECharts | null) => {
      c?.on('click', (p) => {
        const v = (p as { value?: [number, number, number] }).value;
        const list = rows ? [...rows].reverse() : [];
        const row = v ? list[v[1]] : undefined;
        if (row) go(machinePath(row.connectionId, row.uuid));
      });
    },
    [rows],
  );
  if (heat.isPending) return <Skeleton h={200} />;
  if (heat.isError)
    return (
      <Text size="sm" c="red">
        {heat.error.message}
      </Text>
    );
  if (!option || !rows || rows.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="heatmap-empty">
        No machine has reported CPU yet.
      </Text>
    );
  return (
    <Chart
      key={rows.map((r) => r.uuid).join()}
      option={option}
      replace={['series', 'yAxis', 'xAxis']}
      height={Math.max(160, rows.length * 18 + 60)}
      onChart={onChart}
      testId="heatmap"
      ariaLabel={`CPU of the ${rows.length} busiest machines over time`}
      data={{ 'data-rows': rows.length }}
    />
  );
}
