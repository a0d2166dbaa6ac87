/** The monitoring settings form: fields in people's units (seconds, minutes, days), validated against the contract's bounds. */
import type { MetricsSettings } from '../../../../shared/contract/metrics';

export interface MonitoringFormValues {
  intervalSec: number | '';
  recentMinutes: number | '';
  retention1mDays: number | '';
  retention15mDays: number | '';
}

export type MonitoringFormErrors = Partial<Record<keyof MonitoringFormValues, string>>;

export const toForm = (s: MetricsSettings): MonitoringFormValues => ({
  intervalSec: s.intervalMs / 1000,
  recentMinutes: s.recentMinutes,
  retention1mDays: s.retention1mDays,
  retention15mDays: s.retention15mDays,
});

function check(v: number | '', min: number, max: number, unit: string, step?: number): string | undefined {
  if (v === '' || !Number.isFinite(v)) return 'Required';
  if (v < min || v > max) return `Between ${min} and ${max.toLocaleString('en-US')} ${unit}`;
  if (step === undefined && !Number.isInteger(v)) return `Whole ${unit} only`;
  if (step !== undefined && Math.abs(Math.round(v / step) * step - v) > 1e-9) return `In steps of ${step} ${unit}`;
  return undefined;
}

export function validateMonitoring(v: MonitoringFormValues): MonitoringFormErrors {
  const e: MonitoringFormErrors = {};
  const put = (k: keyof MonitoringFormValues, m: string | undefined) => m && (e[k] = m);
  put('intervalSec', check(v.intervalSec, 0.5, 300, 'seconds', 0.5));
  put('recentMinutes', check(v.recentMinutes, 5, 1440, 'minutes'));
  put('retention1mDays', check(v.retention1mDays, 1, 90, 'days'));
  put('retention15mDays', check(v.retention15mDays, 7, 1095, 'days'));
  if (!e.retention1mDays && !e.retention15mDays && Number(v.retention15mDays) < Number(v.retention1mDays))
    e.retention15mDays = 'Keep the 15-minute history at least as long as the 1-minute one';
  return e;
}

export const toSettings = (v: MonitoringFormValues): MetricsSettings => ({
  intervalMs: Math.round(Number(v.intervalSec) * 1000),
  recentMinutes: Number(v.recentMinutes),
  retention1mDays: Number(v.retention1mDays),
  retention15mDays: Number(v.retention15mDays),
});
