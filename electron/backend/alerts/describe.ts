/** When a value breaks or clears a rule, and the sentences alerts carry. */
import type { Alert, AlertRule } from '../../../shared/contract/alerts.js';
import { HOST_SERIES, VM_SERIES, isHostSeries, isVmSeries } from '../../../shared/contract/metrics-series.js';

/** Past the threshold, strictly: a value exactly at it is not a breach. */
export function breaches(rule: AlertRule, value: number): boolean {
  if (rule.threshold === undefined) return false;
  return rule.condition === 'above' ? value > rule.threshold : value < rule.threshold;
}

/** Back on the good side of the clear threshold (the threshold itself when none is set). */
export function clears(rule: AlertRule, value: number): boolean {
  const clear = rule.clearThreshold ?? rule.threshold;
  if (clear === undefined) return true;
  return rule.condition === 'above' ? value <= clear : value >= clear;
}

/** What the rule measures, and its unit. */
function measure(rule: AlertRule): { label: string; unit: string } {
  if (rule.kind === 'pool-full') return { label: 'pool fill', unit: '%' };
  const m = rule.metric;
  if (m !== undefined && isVmSeries(m)) return { label: VM_SERIES[m].label, unit: VM_SERIES[m].unit };
  if (m !== undefined && isHostSeries(m)) return { label: HOST_SERIES[m].label, unit: HOST_SERIES[m].unit };
  return { label: m ?? 'value', unit: '' };
}

/** Readable numbers: 97.3, 1.2e6 -> "1200000", never 16 decimals. */
export function formatValue(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  const n = Number(value.toFixed(digits)).toString();
  return unit === '%' ? `${n}%` : unit ? `${n} ${unit}` : n;
}

function forText(sec: number): string {
  if (sec === 0) return '';
  if (sec % 60 === 0) return ` for ${sec / 60} min`;
  return ` for ${sec} s`;
}

export function describeBreach(rule: AlertRule, subject: Alert['subject'], value: number): string {
  const { label, unit } = measure(rule);
  const word = rule.condition === 'above' ? 'above' : 'below';
  return `${subject.name}: ${label} ${formatValue(value, unit)}, ${word} ${formatValue(rule.threshold ?? 0, unit)}${forText(rule.forSec)}`;
}

export function describeClear(rule: AlertRule, subject: Alert['subject'], value: number): string {
  const { label, unit } = measure(rule);
  const clear = rule.clearThreshold ?? rule.threshold ?? 0;
  const word = rule.condition === 'above' ? 'at or below' : 'at or above';
  return `${subject.name}: ${label} back to ${formatValue(value, unit)} (${word} ${formatValue(clear, unit)})`;
}
