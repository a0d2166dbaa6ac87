/**
 * The /metrics page in Prometheus's text format 0.0.4: the latest value of
 * every series from each host's last sweep, grouped by metric with its HELP
 * and TYPE lines. No timestamps: the scrape's own time is the sample's.
 */
import { ALL_METRICS } from './metric-names.js';
import type { PromSample } from './sweep-samples.js';

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed. */
function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Go-style float text: the shortest form that reads back to the same double. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

const HELP = new Map(ALL_METRICS.map((m) => [m.name, m.help]));

export function renderExposition(samples: Iterable<PromSample>): string {
  const byMetric = new Map<string, PromSample[]>();
  for (const s of samples) {
    let list = byMetric.get(s.metric);
    if (!list) byMetric.set(s.metric, (list = []));
    list.push(s);
  }
  const lines: string[] = [];
  for (const metric of [...byMetric.keys()].sort()) {
    lines.push(`# HELP ${metric} ${escapeHelp(HELP.get(metric) ?? metric)}`, `# TYPE ${metric} gauge`);
    for (const s of byMetric.get(metric)!) {
      const labels = s.labels.map(([n, v]) => `${n}="${escapeLabelValue(v)}"`).join(',');
      lines.push(`${metric}${labels ? `{${labels}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
