import { describe, expect, it } from 'vitest';
import { CHART_COLORS } from '../../../components/Chart/chart-theme';
import { buildLineOption, toPairs, tooltipText } from './line-option';

const colors = CHART_COLORS.light;

describe('metrics line chart option', () => {
  it('maps points to [t, v] pairs and breaks the line where samples are missing', () => {
    expect(toPairs([0, 2000, 4000], [1, 2, 3], 2000)).toEqual([
      [0, 1],
      [2000, 2],
      [4000, 3],
    ]);
    // 4000 -> 20000 is far more than two steps: a null ends the first stretch.
    expect(toPairs([2000, 4000, 20000], [1, 2, 3], 2000)).toEqual([
      [2000, 1],
      [4000, 2],
      [6000, null],
      [20000, 3],
    ]);
  });

  it('draws one line per series, and a min–max band only for roll-ups', () => {
    const raw = buildLineOption({
      lines: [{ id: 'cpu_pct', label: 'CPU', t: [1, 2], avg: [10, 20] }],
      unit: '%',
      colors,
      stepMs: 1,
      from: 0,
      to: 3,
      yMax: 100,
    });
    const series = raw.series as { id: string; type: string; stack?: string }[];
    expect(series.map((s) => s.id)).toEqual(['cpu_pct']);
    expect(raw.yAxis).toMatchObject({ min: 0, max: 100, interval: 25 });
    expect(raw.xAxis).toMatchObject({ type: 'time', min: 0, max: 3 });
    expect(raw.dataZoom).toHaveLength(2);

    const rolled = buildLineOption({
      lines: [{ id: 'net_rx_bps', label: 'Received', t: [60_000], avg: [1024], min: [512], max: [4096] }],
      unit: 'B/s',
      colors,
      stepMs: 60_000,
      from: 0,
      to: 120_000,
    });
    const parts = rolled.series as { id: string; stack?: string; data: [number, number | null][] }[];
    expect(parts.map((s) => s.id)).toEqual(['net_rx_bps', 'net_rx_bps::band-low', 'net_rx_bps::band-span']);
    // The band is min, then max - min stacked on it.
    expect(parts[1]?.data).toEqual([[60_000, 512]]);
    expect(parts[2]?.data).toEqual([[60_000, 3584]]);
    expect(parts[1]?.stack).toBe(parts[2]?.stack);
  });

  it('formats axis ticks and tooltips in the unit, with the bucket’s range for roll-ups', () => {
    const lines = [
      { id: 'mem_used_kib', label: 'Memory used', t: [60_000], avg: [2 * 1024 * 1024], min: [1024 * 1024], max: [3 * 1024 * 1024] },
    ];
    const option = buildLineOption({ lines, unit: 'KiB', colors, stepMs: 60_000, from: 0, to: 120_000 });
    const axis = option.yAxis as { axisLabel: { formatter: (v: number) => string } };
    expect(axis.axisLabel.formatter(1024)).toBe('1 MiB');
    const text = tooltipText(
      [
        { seriesId: 'mem_used_kib', seriesName: 'Memory used', value: [60_000, 2 * 1024 * 1024], dataIndex: 0 },
        { seriesId: 'mem_used_kib::band-low', seriesName: '', value: [60_000, 1], dataIndex: 0 },
      ],
      { lines, unit: 'KiB' },
    );
    expect(text).toContain('Memory used: <b>2 GiB (1 GiB – 3 GiB)</b>');
    expect(text).not.toContain('band');
  });
});
