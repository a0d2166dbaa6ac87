/**
 * A migration job's live figures (job.detail) as labelled values with their
 * units: bytes in binary units, rates per second, dirty pages, milliseconds.
 * Pure, so the wording is tested without a migration.
 */
import type { JobResult } from '../../../shared/contract/jobs';
import { formatBytes } from '../Storage/format';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const num = (detail: JobResult | null | undefined, key: string): number | undefined => {
  const v = detail?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/** 115343360 -> "110 MiB/s". */
export const formatRate = (bytesPerSecond: number) => `${formatBytes(bytesPerSecond)}/s`;

/** 1234 -> "1,234 ms"; 65000 -> "65 s"; under a second stays in ms. */
export function formatMs(ms: number): string {
  if (ms < 10_000) return `${int.format(Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(s < 100 ? 1 : 0).replace(/\.0$/, '')} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export interface Figure {
  key: string;
  label: string;
  value: string;
}

/** "1.2 GiB of 2 GiB" (or just what is known). */
function doneOf(done: number | undefined, total: number | undefined): string | undefined {
  if (done === undefined && total === undefined) return undefined;
  if (done === undefined) return `${formatBytes(total!)} in all`;
  if (total === undefined || total <= 0) return formatBytes(done);
  return `${formatBytes(done)} of ${formatBytes(total)}`;
}

/** Every figure the job has, in reading order; absent ones are left out. */
export function migrationFigures(detail: JobResult | null | undefined): Figure[] {
  const out: Figure[] = [];
  const add = (key: string, label: string, value: string | undefined) => {
    if (value !== undefined) out.push({ key, label, value });
  };
  const mode = detail?.mode;
  add('mode', 'Mode', mode === 'live' || mode === 'offline' ? mode : undefined);
  add('data', 'Transferred', doneOf(num(detail, 'dataProcessed'), num(detail, 'dataTotal')));
  const remaining = num(detail, 'dataRemaining');
  add('remaining', 'Remaining', remaining === undefined ? undefined : formatBytes(remaining));
  const bps = num(detail, 'memoryBps');
  add('memoryBps', 'Memory rate', bps === undefined ? undefined : formatRate(bps));
  const dirty = num(detail, 'memoryDirtyRate');
  const page = num(detail, 'memoryPageSize');
  add(
    'dirtyRate',
    'Dirtied',
    dirty === undefined ? undefined : `${int.format(dirty)} pages/s${page ? ` (${formatRate(dirty * page)})` : ''}`,
  );
  const iteration = num(detail, 'memoryIteration');
  add('iteration', 'Memory pass', iteration === undefined ? undefined : int.format(iteration));
  // A machine without disks to copy reports zeros: nothing worth a line.
  const diskTotal = num(detail, 'diskTotal');
  const diskDone = num(detail, 'diskProcessed');
  if ((diskTotal ?? 0) > 0 || (diskDone ?? 0) > 0) add('disk', 'Disks', doneOf(diskDone, diskTotal));
  const expected = num(detail, 'expectedDowntimeMs');
  const downtime = num(detail, 'downtimeMs');
  if (downtime !== undefined) add('downtime', 'Downtime', formatMs(downtime));
  else add('expectedDowntime', 'Expected downtime', expected === undefined ? undefined : formatMs(expected));
  const elapsed = num(detail, 'elapsedMs');
  add('elapsed', 'Elapsed', elapsed === undefined ? undefined : formatMs(elapsed));
  return out;
}

/**
 * The figures worth showing once the job ended: what is left to copy and the expected pause mean nothing then,
 * and after a switch to post-copy the last sample's "transferred" is only what went before the switch.
 */
export function finishedFigures(figures: readonly Figure[], detail: JobResult | null | undefined, succeeded: boolean): Figure[] {
  const left = num(detail, 'dataRemaining') ?? 0;
  return figures.filter(
    (f) => f.key !== 'remaining' && f.key !== 'expectedDowntime' && !(succeeded && left > 0 && (f.key === 'data' || f.key === 'iteration')),
  );
}

/** The few figures that fit one line of the Jobs panel. */
export function migrationSummary(
  detail: JobResult | null | undefined,
  state: 'running' | 'succeeded' | 'failed' | 'cancelled' = 'running',
): string {
  const keep = new Set(['data', 'memoryBps', 'dirtyRate', 'expectedDowntime', 'downtime']);
  const all = migrationFigures(detail);
  return (state === 'running' ? all : finishedFigures(all, detail, state === 'succeeded'))
    .filter((f) => keep.has(f.key))
    .map((f) => (f.key === 'expectedDowntime' ? `downtime ≈ ${f.value}` : f.key === 'downtime' ? `downtime ${f.value}` : f.value))
    .join(' · ');
}
