/**
 * A small React wrapper around one ECharts instance: created on mount,
 * resized with its box, given each new option (merged, so a live chart's
 * appended data is one cheap setOption), disposed on unmount. The instance is
 * handed to `onChart` for callers that drive it directly.
 */
import { useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { canDraw, init, type ChartOption, type ECharts } from './echarts';
import classes from './Chart.module.css';

interface Props {
  option: ChartOption;
  height: number | string;
  /** Replace these option parts instead of merging them (e.g. 'series' when their count changes). */
  replace?: ('series' | 'xAxis' | 'yAxis' | 'dataZoom')[];
  onChart?: (chart: ECharts | null) => void;
  testId?: string;
  ariaLabel?: string;
  style?: CSSProperties;
  /** Extra attributes tests and people can read (data-points, data-latest…). */
  data?: Record<`data-${string}`, string | number | undefined>;
}

export function Chart({ option, height, replace, onChart, testId, ariaLabel, style, data }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const scheme = useComputedColorScheme('light');
  const latest = useRef(option);
  latest.current = option;
  const [broken, setBroken] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el || !canDraw()) return;
    let c: ECharts;
    try {
      c = init(el, undefined, { renderer: 'canvas' });
      c.setOption(latest.current);
    } catch (e) {
      console.warn('novacron: the chart could not be drawn', e);
      setBroken(true);
      return;
    }
    chart.current = c;
    onChart?.(c);
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      onChart?.(null);
      chart.current = null;
      c.dispose();
    };
    // The instance lives as long as the box; option changes go through the effect below.
  }, [scheme]);

  useEffect(() => {
    chart.current?.setOption(option, replace ? { replaceMerge: replace } : undefined);
  }, [option, replace]);

  if (broken) {
    return (
      <div className={classes.broken} style={{ height }} data-testid={testId}>
        This chart cannot be drawn here (no canvas).
      </div>
    );
  }

  return (
    <div
      ref={box}
      className={classes.chart}
      style={{ height, ...style }}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      data-scheme={scheme}
      {...data}
    />
  );
}
