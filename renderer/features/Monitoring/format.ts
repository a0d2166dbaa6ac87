/**
 * Series values for people: every unit the collector produces (%, KiB, B/s,
 * 1/s) formatted with binary prefixes where bytes are concerned, and the
 * label of each series from the contract.
 */
import { HOST_SERIES, isHostSeries, VM_SERIES, type SeriesName } from '../../../shared/contract/metrics-series';

export type Unit = '%' | 'KiB' | 'B/s' | '1/s' | string;

const BYTE_PREFIXES = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 3 significant digits at most, trailing zeros trimmed: 1.5, 12.3, 456. */
function short(n: number): string {
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return n
    .toFixed(digits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** 1536 -> "1.5 KiB"; 0 -> "0 B". */
export function formatBytes(bytes: number): string {
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < BYTE_PREFIXES.length - 1) {
    v /= 1024;
    i++;
  }
  return `${short(v)} ${BYTE_PREFIXES[i]}`;
}

/** Plain counts per second with SI prefixes: 950/s, 12.5k/s. */
function formatRate(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${short(n / 1e9)}G/s`;
  if (abs >= 1e6) return `${short(n / 1e6)}M/s`;
  if (abs >= 1e3) return `${short(n / 1e3)}k/s`;
  return `${short(n)}/s`;
}

/** A value in its unit, for tooltips, readouts and axes. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case '%':
      return `${Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(1)} %`;
    case 'KiB':
      return formatBytes(value * 1024);
    case 'B':
      return formatBytes(value);
    case 'B/s':
      return `${formatBytes(value)}/s`;
    case '1/s':
      return formatRate(value);
    default:
      return `${short(value)} ${unit}`.trim();
  }
}

/** Axis ticks: the same, but compact (no space before %). */
export function formatAxis(value: number, unit: Unit): string {
  if (unit === '%') return `${value.toFixed(0)}%`;
  return formatValue(value, unit);
}

export function seriesInfo(series: SeriesName): { unit: Unit; label: string } {
  return isHostSeries(series) ? HOST_SERIES[series] : VM_SERIES[series];
}

export const seriesUnit = (series: SeriesName): Unit => seriesInfo(series).unit;
export const seriesLabel = (series: SeriesName): string => seriesInfo(series).label;
