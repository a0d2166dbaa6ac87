/**
 * Analytics values for people: days until full with their interval, the
 * status of a capacity row, what a right-sizing suggestion rests on, and the
 * call a suggestion would make.
 */
import type { CapacityItem, MachineSuggestion, SuggestedAction, UsageBasis } from '../../../shared/contract/analytics';
import { formatBytes, formatValue } from '../Monitoring/format';

/** 0.4 -> "under a day"; 1 -> "1 day"; 12.6 -> "13 days"; 400 -> "over a year". */
export function formatDays(days: number | null): string {
  if (days === null || !Number.isFinite(days)) return 'not within a year';
  if (days <= 0) return 'full now';
  if (days < 1) return 'under a day';
  if (days > 365) return 'over a year';
  const d = Math.round(days);
  return `${d} day${d === 1 ? '' : 's'}`;
}

const dayNumber = (d: number) => (d < 1 ? '<1' : d > 365 ? '>365' : String(Math.round(d)));

/** The interval's ends: "9–17 days", "from 30 days" (the slow end beyond the year), "" when none. */
export function formatInterval(low: number | null, high: number | null): string {
  if (low === null && high === null) return '';
  if (low !== null && high === null) return `from ${dayNumber(low)} days`;
  if (low === null && high !== null) return `up to ${dayNumber(high)} days`;
  const a = dayNumber(low!);
  const b = dayNumber(high!);
  return a === b ? `${a} days` : `${a}–${b} days`;
}

export type CapacityTone = 'red' | 'orange' | 'teal' | 'gray';

/** What a row's status says, and its colour: red within a week, orange within a month. */
export function capacityStatus(item: Pick<CapacityItem, 'status' | 'days'>): { text: string; tone: CapacityTone } {
  if (item.status === 'insufficient-history') return { text: 'Not enough history yet', tone: 'gray' };
  if (item.days === null) return { text: 'Not filling', tone: 'teal' };
  if (item.days <= 7) return { text: 'Fills within a week', tone: 'red' };
  if (item.days <= 30) return { text: 'Fills within a month', tone: 'orange' };
  return { text: 'OK', tone: 'teal' };
}

/** "Full in 13 days (9–17 days)", "Not enough history yet", "Not full within a year". */
export function capacityText(item: Pick<CapacityItem, 'status' | 'days' | 'low' | 'high'>): string {
  if (item.status === 'insufficient-history') return 'Not enough history yet';
  if (item.days === null) return 'Not full within a year';
  const interval = formatInterval(item.low, item.high);
  return `Full in ${formatDays(item.days)}${interval ? ` (${interval})` : ''}`;
}

export const KIND_LABEL: Record<CapacityItem['kind'], string> = {
  'host-memory': 'Host memory',
  'host-cpu': 'Host CPU',
  pool: 'Storage pool',
};

/** "42 % used" (a percentage of the whole), "120 GiB of 500 GiB". */
export const capacityUsage = (item: Pick<CapacityItem, 'current' | 'limit' | 'unit'>): string =>
  item.unit === '%' && item.limit === 100
    ? `${formatValue(item.current, item.unit)} used`
    : `${formatValue(item.current, item.unit)} of ${formatValue(item.limit, item.unit)}`;

/** A span in days or hours: "7 days", "36 h". */
export function formatSpan(ms: number): string {
  const h = ms / 3_600_000;
  if (h < 48) return `${Math.max(0, Math.round(h))} h`;
  return `${Math.round(h / 24)} days`;
}

const pct = (v: number | null) => (v === null ? '—' : formatValue(v, '%'));

/** "CPU p50 3 %, p95 8 %; memory p95 40 %; network p95 1.2 KiB/s; 10,080 samples over 7 days (4 vCPUs, 8 GiB)". */
export function basisText(b: UsageBasis): string {
  const parts = [
    `CPU p50 ${pct(b.cpuP50)}, p95 ${pct(b.cpuP95)}`,
    `memory p95 ${pct(b.memP95)}`,
    `network p95 ${b.netP95Bps === null ? '—' : `${formatBytes(b.netP95Bps)}/s`}`,
  ];
  const size = `${b.vcpus} vCPU${b.vcpus === 1 ? '' : 's'}, ${formatBytes(b.memoryKiB * 1024)}`;
  return `${parts.join('; ')} — ${b.samples.toLocaleString('en')} one-minute samples over ${formatSpan(b.to - b.from)} (${size})`;
}

export const SUGGESTION_LABEL: Record<MachineSuggestion['kind'], string> = {
  'fewer-vcpus': 'Fewer vCPUs',
  'more-vcpus': 'More vCPUs',
  'less-memory': 'Less memory',
  'more-memory': 'More memory',
  idle: 'Idle',
};

/** What applying does, in words: "Set 2 vCPUs from the next boot", "Shut the machine down". */
export function actionText(a: SuggestedAction): string {
  if (a.method === 'vms.act') return 'Shut the machine down (a clean shutdown through the guest)';
  const what = [
    a.input.vcpus !== undefined ? `${a.input.vcpus} vCPU${a.input.vcpus === 1 ? '' : 's'}` : '',
    a.input.memoryKiB !== undefined ? `${formatBytes(a.input.memoryKiB * 1024)} of memory` : '',
  ].filter(Boolean);
  return `Set ${what.join(' and ')} from the next boot`;
}
