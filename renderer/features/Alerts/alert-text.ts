/** How alerts and rules read in the console. */
import type { Alert, AlertRule } from '../../../shared/contract/alerts';
import { formatValue, seriesInfo } from '../Monitoring/format';

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 min ago", "just now". */
export function ago(t: number, now = Date.now()): string {
  const s = Math.round((t - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 10) return 'just now';
  if (abs < 60) return rtf.format(s, 'second');
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86400), 'day');
}

export const when = (t: number) => new Date(t).toLocaleString();

export function formatDuration(sec: number): string {
  if (sec === 0) return 'at once';
  if (sec % 86400 === 0) return `${sec / 86400} d`;
  if (sec % 3600 === 0) return `${sec / 3600} h`;
  if (sec % 60 === 0) return `${sec / 60} min`;
  return `${sec} s`;
}

export function alertValue(a: Alert, rule: AlertRule | undefined): string {
  if (a.value === undefined) return '—';
  if (rule?.metric) return formatValue(a.value, seriesInfo(rule.metric).unit);
  return formatValue(a.value, rule?.kind === 'pool-full' ? '%' : '');
}

const KIND_TEXT: Record<AlertRule['kind'], string> = {
  threshold: 'threshold',
  'vm-stopped-unexpectedly': 'machine stopped unexpectedly',
  'host-unreachable': 'host unreachable',
  'pool-full': 'storage pool full',
  anomalous: 'anomaly',
};
export const kindText = (k: AlertRule['kind']) => KIND_TEXT[k];

/** "CPU (of its vCPUs) above 95 % for 5 min (clears below 90 %)". */
export function ruleCondition(r: AlertRule): string {
  const forText = r.forSec > 0 ? ` for ${formatDuration(r.forSec)}` : '';
  if (r.kind === 'threshold' || r.kind === 'pool-full') {
    const info = r.metric ? seriesInfo(r.metric) : { label: 'Pool fill', unit: '%' };
    const label = r.kind === 'pool-full' ? 'Pool fill' : info.label;
    const unit = r.kind === 'pool-full' ? '%' : info.unit;
    const clear =
      r.clearThreshold !== undefined && r.clearThreshold !== r.threshold
        ? ` (clears ${r.condition === 'above' ? 'below' : 'above'} ${formatValue(r.clearThreshold, unit)})`
        : '';
    return `${label} ${r.condition} ${formatValue(r.threshold, unit)}${forText}${clear}`;
  }
  if (r.kind === 'anomalous') return `${r.metric ? seriesInfo(r.metric).label : 'a metric'} anomalous${forText}`;
  if (r.kind === 'host-unreachable') return `host unreachable${forText}`;
  return 'a machine crashed or stopped without NovaCron asking';
}
