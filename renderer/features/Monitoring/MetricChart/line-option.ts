/**
 * The ECharts option of a metrics line chart, as a pure function of the
 * points: one line per series (its average), a faint min–max band where the
 * points are roll-ups, gaps where samples are missing, a time axis, zoom, and
 * a tooltip that formats every value in its unit. Anomalies the detector
 * flagged are marks on their line (a pin at the scored mean, a shaded
 * minute); a forecast is a dashed mean with its interval as a band.
 */
import type { ChartOption, LineSeriesOption } from '../../../components/Chart/echarts';
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
  /** Points the detector flagged on this series. */
  anomalies?: readonly AnomalyMark[];
  /** The forecast of this series, drawn after the history. */
  forecast?: ForecastLine;
}

export interface AnomalyMark {
  /** Start of the scored bucket, its width, the scored mean and the score. */
  t: number;
  stepMs: number;
  value: number;
  score: number;
}

export interface ForecastLine {
  t: readonly number[];
  mean: readonly number[];
  low: readonly number[];
  high: readonly number[];
  /** Central coverage of the band (0.8). */
  level: number;
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
const forecastId = (id: string, part: 'mean' | 'low' | 'span') => `${id}::fc-${part}`;
/** Series drawn for a line's sake (bands), not read out in the tooltip on their own. */
const isAux = (id: string) => id.includes('::band-') || id.includes('::fc-low') || id.includes('::fc-span');

export const ANOMALY_COLOR = '#e03131';

/** Flagged buckets next to each other merged into one shaded span each: [from, to] pairs. */
export function anomalySpans(marks: readonly AnomalyMark[]): [number, number][] {
  const sorted = [...marks].sort((a, b) => a.t - b.t);
  const out: [number, number][] = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && m.t <= last[1]) last[1] = Math.max(last[1], m.t + m.stepMs);
    else out.push([m.t, m.t + m.stepMs]);
  }
  return out;
}

/** The mark whose bucket holds time t (the latest if several). */
export function anomalyAt(marks: readonly AnomalyMark[] | undefined, t: number): AnomalyMark | undefined {
  let hit: AnomalyMark | undefined;
  for (const m of marks ?? []) if (t >= m.t && t < m.t + m.stepMs && (!hit || m.t > hit.t)) hit = m;
  return hit;
}

/** "Anomaly: score 0.93, minute mean 87 %". */
export const anomalyText = (m: AnomalyMark, unit: Unit): string =>
  `Anomaly: score ${m.score.toFixed(2)}, ${m.stepMs >= 60_000 ? `${Math.round(m.stepMs / 60_000)}-min` : 'scored'} mean ${formatValue(m.value, unit)}`;

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
  const rows: string[] = [];
  for (const p of params) {
    if (!p.seriesId || isAux(p.seriesId)) continue;
    const marker = typeof p.marker === 'string' ? p.marker : '';
    const v = Array.isArray(p.value) ? (p.value[1] as number | null) : null;
    const pt = Array.isArray(p.value) ? Number(p.value[0]) : t;
    if (p.seriesId.endsWith('::fc-mean')) {
      const line = input.lines.find((l) => forecastId(l.id, 'mean') === p.seriesId);
      const f = line?.forecast;
      const i = f ? f.t.indexOf(pt) : -1;
      const band =
        f && i >= 0
          ? ` (${formatValue(f.low[i], input.unit)} – ${formatValue(f.high[i], input.unit)}, ${Math.round(f.level * 100)} %)`
          : '';
      rows.push(`${marker}${p.seriesName ?? ''}: <b>${formatValue(v, input.unit)}</b>${band}`);
      continue;
    }
    const line = input.lines.find((l) => l.id === p.seriesId);
    let text = formatValue(v, input.unit);
    if (line?.min && line.max && Number.isFinite(t)) {
      const i = line.t.indexOf(t);
      if (i >= 0) text += ` (${formatValue(line.min[i], input.unit)} – ${formatValue(line.max[i], input.unit)})`;
    }
    rows.push(`${marker}${p.seriesName ?? ''}: <b>${text}</b>`);
    const mark = Number.isFinite(pt) ? anomalyAt(line?.anomalies, pt) : undefined;
    if (mark) rows.push(`<span style="color:${ANOMALY_COLOR}">⚠ ${anomalyText(mark, input.unit)}</span>`);
  }
  return [head, ...rows].join('<br/>');
}

/** A line's anomalies as ECharts marks: a pin per flagged point (score and value in its tooltip), a shaded span per run. */
export function anomalyMarks(line: Pick<LineData, 'anomalies'>, unit: Unit): Record<string, unknown> {
  const marks = line.anomalies ?? [];
  if (marks.length === 0) return {};
  return {
    markPoint: {
      symbol: 'pin',
      symbolSize: 26,
      silent: false,
      itemStyle: { color: ANOMALY_COLOR },
      label: { show: false },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data?: { anomaly?: AnomalyMark } }) => (p.data?.anomaly ? anomalyText(p.data.anomaly, unit) : ''),
      },
      data: marks.map((m) => ({ name: 'Anomaly', coord: [m.t, m.value], value: Number(m.score.toFixed(2)), anomaly: m })),
    },
    markArea: {
      silent: true,
      itemStyle: { color: ANOMALY_COLOR, opacity: 0.12 },
      data: anomalySpans(marks).map(([from, to]) => [{ xAxis: from }, { xAxis: to }]),
    },
  };
}

/** A forecast: the dashed mean, and its interval as a band under it (low, then the span stacked on it). */
function forecastSeries(line: LineData, f: ForecastLine, color: string | undefined): LineSeriesOption[] {
  const pairs = (v: readonly number[]): Pair[] => f.t.map((t, i) => [t, v[i] ?? null]);
  return [
    {
      id: forecastId(line.id, 'mean'),
      name: `${line.label} forecast`,
      type: 'line',
      data: pairs(f.mean),
      showSymbol: false,
      lineStyle: { width: 1.5, type: 'dashed', color },
      itemStyle: { color },
      z: 2,
    },
    ...bandSeries(
      { low: forecastId(line.id, 'low'), span: forecastId(line.id, 'span') },
      `fc-${line.id}`,
      pairs(f.low),
      pairs(f.high.map((h, i) => h - (f.low[i] ?? h))),
      color,
      0.12,
    ),
  ];
}

/** A band: an invisible lower edge, and the span stacked on it, filled. */
function bandSeries(
  ids: { low: string; span: string },
  stack: string,
  low: Pair[],
  span: Pair[],
  color: string | undefined,
  opacity: number,
): LineSeriesOption[] {
  return [
    {
      id: ids.low,
      type: 'line',
      data: low,
      stack,
      showSymbol: false,
      lineStyle: { opacity: 0 },
      silent: true,
      tooltip: { show: false },
      z: 1,
    },
    {
      id: ids.span,
      type: 'line',
      data: span,
      stack,
      showSymbol: false,
      lineStyle: { opacity: 0 },
      areaStyle: { color, opacity },
      silent: true,
      tooltip: { show: false },
      z: 1,
    },
  ];
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
      ...anomalyMarks(line, input.unit),
    });
    if (line.forecast && line.forecast.t.length > 0) series.push(...forecastSeries(line, line.forecast, color));
    if (line.min && line.max) {
      const span = line.max.map((m, k) => m - (line.min?.[k] ?? m));
      series.push(
        ...bandSeries(
          { low: bandId(line.id, 'low'), span: bandId(line.id, 'span') },
          `band-${line.id}`,
          toPairs(line.t, line.min, input.stepMs),
          toPairs(line.t, span, input.stepMs),
          color,
          0.14,
        ),
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
      // A forecast draws past now: the axis goes to its end.
      max: Math.max(input.to, ...lines.map((l) => l.forecast?.t.at(-1) ?? 0)),
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
