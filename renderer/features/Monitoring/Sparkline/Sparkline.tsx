/**
 * A machine's recent CPU or memory % as a tiny SVG polyline, fed by the live
 * store's ring (no chart library, no canvas: one path per visible row), and
 * the latest value next to it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useSyncExternalStore } from 'react';
import { liveStoreOf, SPARK_POINTS, vmSubject, type SparkSeries } from '../live-store';
import classes from './Sparkline.module.css';

export const SPARK_WIDTH = 56;
export const SPARK_HEIGHT = 18;

/** The polyline's points for values in 0..100, newest at the right edge; NaN breaks the line. */
export function sparkPaths(values: readonly number[], width = SPARK_WIDTH, height = SPARK_HEIGHT, capacity = SPARK_POINTS): string[] {
  const dx = width / (capacity - 1);
  const offset = capacity - values.length;
  const paths: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      if (current.length) paths.push(current.join(' '));
      current = [];
      return;
    }
    const x = (offset + i) * dx;
    const y = height - 1 - (Math.max(0, Math.min(100, v)) / 100) * (height - 2);
    current.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (current.length) paths.push(current.join(' '));
  return paths;
}

interface Props {
  connectionId: string;
  uuid: string;
  series: SparkSeries;
  /** Who it is about, for the accessible label. */
  label: string;
  testId?: string;
}

export const Sparkline = memo(function Sparkline({ connectionId, uuid, series, label, testId }: Props) {
  const live = liveStoreOf(useQueryClient());
  const subject = vmSubject(connectionId, uuid);
  const subscribe = useCallback((cb: () => void) => live.subscribeSpark(subject, cb), [live, subject]);
  // The ring's version: a re-render per sweep for the visible rows only.
  useSyncExternalStore(subscribe, () => live.sparkVersion(subject));
  const ring = live.spark(subject, series);
  const values = ring?.values() ?? [];
  const last = ring?.last();
  const paths = sparkPaths(values);
  const text = last === undefined ? '—' : `${last >= 10 ? last.toFixed(0) : last.toFixed(1)}%`;
  return (
    <span
      className={classes.spark}
      data-testid={testId}
      data-points={values.filter(Number.isFinite).length}
      data-value={last ?? ''}
      aria-label={`${label}: ${last === undefined ? 'no data' : text}`}
      role="img"
    >
      <svg width={SPARK_WIDTH} height={SPARK_HEIGHT} viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`} aria-hidden className={classes.svg}>
        <line x1={0} x2={SPARK_WIDTH} y1={SPARK_HEIGHT - 0.5} y2={SPARK_HEIGHT - 0.5} className={classes.base} />
        {paths.map((p, i) => (
          <polyline key={i} points={p} className={classes[series === 'cpu_pct' ? 'cpu' : 'mem']} />
        ))}
      </svg>
      <span className={classes.value}>{text}</span>
    </span>
  );
});
