/** Anomalies and forecasts in the chart option: marks at their times with score and value, a dashed forecast with its band. */
import { describe, expect, it } from 'vitest';
import { CHART_COLORS } from '../../../components/Chart/chart-theme';
import { anomalySpans, buildLineOption, tooltipText, type AnomalyMark } from './line-option';

const colors = CHART_COLORS.light;
const MIN = 60_000;
const marks: AnomalyMark[] = [
  { t: 10 * MIN, stepMs: MIN, value: 91.5, score: 0.97 },
  { t: 11 * MIN, stepMs: MIN, value: 88, score: 0.93 },
  { t: 20 * MIN, stepMs: MIN, value: 4, score: 0.9 },
];

describe('anomaly marks on a metrics chart', () => {
  it('pins each flagged point at its time and value, and shades each run of flagged minutes', () => {
    const opt = buildLineOption({
      lines: [{ id: 'cpu_pct', label: 'CPU', t: [10 * MIN, 11 * MIN, 20 * MIN], avg: [90, 87, 5], anomalies: marks }],
      unit: '%',
      colors,
      stepMs: MIN,
      from: 0,
      to: 30 * MIN,
      yMax: 100,
    });
    const line = (opt.series as Record<string, unknown>[])[0] as {
      markPoint: { data: { coord: number[]; value: number }[]; tooltip: { formatter: (p: unknown) => string } };
      markArea: { data: { xAxis: number }[][] };
    };
    expect(line.markPoint.data.map((d) => d.coord)).toEqual([
      [10 * MIN, 91.5],
      [11 * MIN, 88],
      [20 * MIN, 4],
    ]);
    expect(line.markPoint.data.map((d) => d.value)).toEqual([0.97, 0.93, 0.9]);
    expect(line.markPoint.tooltip.formatter({ data: line.markPoint.data[0] })).toBe('Anomaly: score 0.97, 1-min mean 92 %');
    // 10 and 11 min touch: one span; 20 min alone.
    expect(line.markArea.data).toEqual([
      [{ xAxis: 10 * MIN }, { xAxis: 12 * MIN }],
      [{ xAxis: 20 * MIN }, { xAxis: 21 * MIN }],
    ]);
    expect(anomalySpans([])).toEqual([]);
  });

  it('names the anomaly in the axis tooltip of a point inside its minute', () => {
    const lines = [{ id: 'cpu_pct', label: 'CPU', t: [10 * MIN + 2000], avg: [93], anomalies: marks }];
    const html = tooltipText([{ seriesId: 'cpu_pct', seriesName: 'CPU', value: [10 * MIN + 2000, 93], dataIndex: 0 }], {
      lines,
      unit: '%',
    });
    expect(html).toContain('CPU: <b>93 %</b>');
    expect(html).toContain('Anomaly: score 0.97, 1-min mean 92 %');
    const quiet = tooltipText([{ seriesId: 'cpu_pct', seriesName: 'CPU', value: [15 * MIN, 10], dataIndex: 0 }], { lines, unit: '%' });
    expect(quiet).not.toContain('Anomaly');
  });

  it('leaves a line without anomalies unmarked', () => {
    const opt = buildLineOption({
      lines: [{ id: 'cpu_pct', label: 'CPU', t: [1], avg: [1] }],
      unit: '%',
      colors,
      stepMs: 1,
      from: 0,
      to: 2,
    });
    const line = (opt.series as Record<string, unknown>[])[0]!;
    expect(line.markPoint).toBeUndefined();
    expect(line.markArea).toBeUndefined();
  });

  it('draws a forecast as a dashed mean with its interval band, and stretches the axis to its end', () => {
    const opt = buildLineOption({
      lines: [
        {
          id: 'host_mem_used_pct',
          label: 'Memory used',
          t: [0, MIN],
          avg: [40, 41],
          forecast: { t: [2 * MIN, 3 * MIN], mean: [42, 43], low: [40, 40], high: [44, 46], level: 0.8 },
        },
      ],
      unit: '%',
      colors,
      stepMs: MIN,
      from: 0,
      to: MIN,
    });
    const series = opt.series as { id: string; data: [number, number][]; lineStyle?: { type?: string }; stack?: string }[];
    expect(series.map((s) => s.id)).toEqual([
      'host_mem_used_pct',
      'host_mem_used_pct::fc-mean',
      'host_mem_used_pct::fc-low',
      'host_mem_used_pct::fc-span',
    ]);
    expect(series[1]!.lineStyle?.type).toBe('dashed');
    expect(series[1]!.data).toEqual([
      [2 * MIN, 42],
      [3 * MIN, 43],
    ]);
    // The band: low, then high - low stacked on it.
    expect(series[3]!.data).toEqual([
      [2 * MIN, 4],
      [3 * MIN, 6],
    ]);
    expect(opt.xAxis).toMatchObject({ max: 3 * MIN });
    const html = tooltipText(
      [
        { seriesId: 'host_mem_used_pct::fc-mean', seriesName: 'Memory used forecast', value: [3 * MIN, 43], dataIndex: 1 },
        { seriesId: 'host_mem_used_pct::fc-span', seriesName: '', value: [3 * MIN, 6], dataIndex: 1 },
      ],
      {
        lines: [
          {
            id: 'host_mem_used_pct',
            label: 'Memory used',
            t: [],
            avg: [],
            forecast: { t: [2 * MIN, 3 * MIN], mean: [42, 43], low: [40, 40], high: [44, 46], level: 0.8 },
          },
        ],
        unit: '%',
      },
    );
    expect(html).toContain('Memory used forecast: <b>43 %</b> (40 % – 46 %, 80 %)');
    expect(html).not.toContain('<b>6 %</b>');
  });
});
