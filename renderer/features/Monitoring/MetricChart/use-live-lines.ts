/**
 * A live chart's points: the recent window read once from the history
 * (metrics.query), then extended by every sweep of its subject from the live
 * store, trimmed to the window. No refetch while live.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer, useRef } from 'react';
import type { MetricsPoints } from '../../../../shared/contract/metrics';
import type { SeriesName } from '../../../../shared/contract/metrics-series';
import { liveStoreOf } from '../live-store';

export interface Buffer {
  t: number[];
  v: number[];
}

/** Appends one sample unless it is not newer than the last; drops what fell out of the window. */
export function appendSample(buf: Buffer, t: number, v: number | undefined, windowMs: number): boolean {
  if (v === undefined || !Number.isFinite(v)) return false;
  const last = buf.t[buf.t.length - 1];
  if (last !== undefined && t <= last) return false;
  buf.t.push(t);
  buf.v.push(v);
  const cut = t - windowMs;
  let drop = 0;
  while (drop < buf.t.length && buf.t[drop]! < cut) drop++;
  if (drop > 0) {
    buf.t.splice(0, drop);
    buf.v.splice(0, drop);
  }
  return true;
}

/** Seeds a buffer from the history, keeping live samples newer than its last point. */
export function seedBuffer(buf: Buffer, points: Pick<MetricsPoints, 't' | 'avg'>): void {
  const last = points.t[points.t.length - 1] ?? -Infinity;
  const keepFrom = buf.t.findIndex((t) => t > last);
  const liveT = keepFrom < 0 ? [] : buf.t.slice(keepFrom);
  const liveV = keepFrom < 0 ? [] : buf.v.slice(keepFrom);
  buf.t = [...points.t, ...liveT];
  buf.v = [...points.avg, ...liveV];
}

export function useLiveLines(
  enabled: boolean,
  subject: string,
  series: readonly SeriesName[],
  seeds: readonly (MetricsPoints | undefined)[],
  windowMs: number,
): { buffers: Buffer[]; version: number } {
  const client = useQueryClient();
  const buffers = useRef<Buffer[]>([]);
  const seeded = useRef<boolean[]>([]);
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  const key = `${enabled}|${subject}|${series.join(',')}`;
  const names = useRef(series);
  names.current = series;
  const lastKey = useRef('');
  if (lastKey.current !== key) {
    lastKey.current = key;
    buffers.current = series.map(() => ({ t: [], v: [] }));
    seeded.current = series.map(() => false);
  }

  // Seed each series once its history arrives.
  seeds.forEach((points, i) => {
    const buf = buffers.current[i];
    if (enabled && points && buf && !seeded.current[i]) {
      seedBuffer(buf, points);
      seeded.current[i] = true;
    }
  });

  useEffect(() => {
    if (!enabled) return;
    return liveStoreOf(client).listen(subject, (t, values) => {
      let changed = false;
      names.current.forEach((s, i) => {
        const buf = buffers.current[i];
        if (buf && appendSample(buf, t, values[s], windowMs)) changed = true;
      });
      if (changed) bump();
    });
    // `key` covers `series` (a new array each render, the same names).
  }, [client, enabled, subject, key, windowMs]);

  return { buffers: buffers.current, version };
}
