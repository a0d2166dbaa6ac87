/**
 * The ECharts option of a metrics line chart, as a pure function of the
 * points: one line per series (its average), a faint min–max band where the
 * points are roll-ups, gaps where samples are missing, a time axis, zoom, and
 * a tooltip that formats every value in its unit.
 */
import type { ChartOption } from '../../../components/Chart/echarts';
import type { ChartColors } from '../../../components/Chart/chart-theme';
import { formatAxis, formatValue, type Unit } from '../format';

export interface LineData {
  id: string;
  label: string;
  t: readonly number[];
  avg: readonly number[];
  /** Roll-ups carry each bucket's extremes. */
  min?: readonly number[];
  max?: readonly number[];
}

export interface LineOptionInput {
  lines: readonly LineData[];
  unit: Unit;
  colors: ChartColors;
  /** Expected spacing of points: a longer silence is drawn as a gap. */
  stepMs: number;
  from: number;
  to: number;
  yMax?: number;
}

type Pair = [number, number | null];

/** [t, v] pairs with a null inserted wherever two samples are more than two steps apart. */
export function toPairs(t: readonly number[], v: readonly number[], stepMs: number): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    if (i > 0 && stepMs > 0 && ti - t[i - 1]! > 2.5 * stepMs) out.push([t[i - 1]! + stepMs, null]);
    out.push([ti, v[i] ?? null]);
  }
  return out;
}

const bandId = (id: string, part: 'low' | 'span') => `${id}::band-${part}`;

interface TooltipParam {
  seriesId?: string;
  seriesName?: string;
  value?: unknown;
  marker?: unknown;
  dataIndex: number;
}

export function tooltipText(params: TooltipParam[], input: Pick<LineOptionInput, 'lines' | 'unit'>): string {
  const first = params[0];
  const t = Array.isArray(first?.value) ? Number(first.value[0]) : NaN;
  const head = Number.isFinite(t) ? new Date(t).toLocaleString() : '';
  const rows = params
    .filter((p) => p.seriesId && !p.seriesId.includes('::band-'))
    .map((p) => {
      const line = input.lines.find((l) => l.id === p.seriesId);
      const v = Array.isArray(p.value) ? (p.value[1] as number | null) : null;
      let text = formatValue(v, input.unit);
      if (line?.min && line.max && Number.isFinite(t)) {
        const i = line.t.indexOf(t);
        if (i >= 0) text += ` (${formatValue(line.min[i], input.unit)} – ${formatValue(line.max[i], input.unit)})`;
      }
      return `${typeof p.marker === 'string' ? p.marker : ''}${p.seriesName ?? ''}: <b>${text}</b>`;
    });
  return [head, ...rows].join('<br/>');
}

export function buildLineOption(input: LineOptionInput): ChartOption {
  const { lines, unit, colors } = input;
  const series: NonNullable<ChartOption['series']> = [];
  lines.forEach((line, i) => {
    const color = colors.series[i % colors.series.length];
    series.push({
      id: line.id,
      name: line.label,
      type: 'line',
      data: toPairs(line.t, line.avg, input.stepMs),
      // Single points (a long range read from roll-ups just started) would be invisible as a line.
      showSymbol: line.t.length < 24,
      symbolSize: 5,
      lineStyle: { width: 1.5, color },
      itemStyle: { color },
      sampling: 'lttb',
      connectNulls: false,
      z: 3,
    });
    if (line.min && line.max) {
      const span = line.max.map((m, k) => m - (line.min?.[k] ?? m));
      const stack = `band-${line.id}`;
      series.push(
        {
          id: bandId(line.id, 'low'),
          type: 'line',
          data: toPairs(line.t, line.min, input.stepMs),
          stack,
          showSymbol: false,
          lineStyle: { opacity: 0 },
          silent: true,
          tooltip: { show: false },
          z: 1,
        },
        {
          id: bandId(line.id, 'span'),
          type: 'line',
          data: toPairs(line.t, span, input.stepMs),
          stack,
          showSymbol: false,
          lineStyle: { opacity: 0 },
          areaStyle: { color, opacity: 0.14 },
          silent: true,
          tooltip: { show: false },
          z: 1,
        },
      );
    }
  });

  return {
    animation: false,
    backgroundColor: 'transparent',
    color: colors.series,
    grid: { left: 8, right: 16, top: 12, bottom: 44, containLabel: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      backgroundColor: colors.tooltipBg,
      borderColor: colors.tooltipBorder,
      textStyle: { color: colors.text, fontSize: 12 },
      axisPointer: { type: 'line', lineStyle: { color: colors.axis } },
      formatter: (p: unknown) => tooltipText(Array.isArray(p) ? (p as TooltipParam[]) : [p as TooltipParam], input),
    },
    xAxis: {
      type: 'time',
      min: input.from,
      max: input.to,
      axisLine: { lineStyle: { color: colors.axis } },
      axisLabel: { color: colors.dimmed, fontSize: 11, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: input.yMax,
      ...(input.yMax ? { interval: input.yMax / 4 } : { splitNumber: 3 }),
      axisLabel: { color: colors.dimmed, fontSize: 11, formatter: (v: number) => formatAxis(v, unit) },
      splitLine: { lineStyle: { color: colors.grid } },
    },
    dataZoom: [
      { type: 'inside', filterMode: 'none' },
      {
        type: 'slider',
        height: 16,
        bottom: 6,
        filterMode: 'none',
        showDetail: false,
        borderColor: colors.grid,
        textStyle: { color: colors.dimmed },
      },
    ],
    series,
  };
}
