/** The fleet heatmap's ECharts option: one row per machine (busiest on top), one column per time bucket, colour = CPU %. */
import type { MethodOutput } from '../../../../shared/api';
import type { ChartColors } from '../../../components/Chart/chart-theme';
import type { ChartOption } from '../../../components/Chart/echarts';
import { formatValue } from '../../Monitoring/format';

export type Heatmap = MethodOutput<'metrics.heatmap'>;

const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** [column, row, value] cells, the first row of the answer at the top; empty buckets left out. */
export function heatmapCells(h: Heatmap): [number, number, number][] {
  const cells: [number, number, number][] = [];
  const n = h.rows.length;
  h.rows.forEach((row, r) => {
    row.cpu.forEach((v, c) => {
      if (v !== null) cells.push([c, n - 1 - r, Math.round(v * 10) / 10]);
    });
  });
  return cells;
}

export function buildHeatmapOption(h: Heatmap, colors: ChartColors, hostName: (id: string) => string): ChartOption {
  const labels = h.rows.map((r) => r.name).reverse();
  const hosts = h.rows.map((r) => hostName(r.connectionId)).reverse();
  return {
    animation: false,
    backgroundColor: 'transparent',
    grid: { left: 8, right: 16, top: 8, bottom: 36, containLabel: true },
    tooltip: {
      confine: true,
      backgroundColor: colors.tooltipBg,
      borderColor: colors.tooltipBorder,
      textStyle: { color: colors.text, fontSize: 12 },
      formatter: (p: unknown) => {
        const v = (p as { value?: [number, number, number] }).value;
        if (!v) return '';
        const t = h.t[v[0]];
        return `${labels[v[1]] ?? ''} <span style="opacity:.7">${hosts[v[1]] ?? ''}</span><br/>${t ? time(t) : ''}: <b>${formatValue(v[2], '%')}</b>`;
      },
    },
    xAxis: {
      type: 'category',
      data: h.t.map(time),
      axisLabel: { color: colors.dimmed, fontSize: 11, hideOverlap: true },
      axisLine: { lineStyle: { color: colors.axis } },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      data: labels,
      axisLabel: { color: colors.dimmed, fontSize: 11, width: 120, overflow: 'truncate' },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    visualMap: {
      min: 0,
      max: 100,
      calculable: false,
      orient: 'horizontal',
      right: 16,
      bottom: 0,
      itemHeight: 120,
      itemWidth: 10,
      text: ['100 %', '0 %'],
      textStyle: { color: colors.dimmed, fontSize: 11 },
      inRange: { color: ['#e7f5ff', '#74c0fc', '#fab005', '#f03e3e'] },
    },
    series: [
      {
        type: 'heatmap',
        data: heatmapCells(h),
        itemStyle: { borderColor: 'transparent', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: colors.text, borderWidth: 1 } },
      },
    ],
  };
}
