/**
 * The on-disk tiers and their periods: 1-minute roll-ups in one file per UTC day
 * (`1m/2026-12-01.nch`), 15-minute roll-ups in one file per UTC month (`15m/2026-12.nch`).
 * A whole file expires at once, when its period has ended longer ago than the tier's
 * retention.
 */

export type TierName = '1m' | '15m';

export interface Period {
  start: number;
  end: number;
  /** File name without the directory. */
  file: string;
}

export interface Tier {
  name: TierName;
  stepMs: number;
  periodOf(t: number): Period;
  /** The period a file name stands for, or null for names that are not ours. */
  parseFile(file: string): Period | null;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
export const FILE_SUFFIX = '.nch';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dayPeriod(t: number): Period {
  const start = Math.floor(t / DAY) * DAY;
  const d = new Date(start);
  return { start, end: start + DAY, file: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${FILE_SUFFIX}` };
}

function monthPeriod(t: number): Period {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1), file: `${y}-${pad(m + 1)}${FILE_SUFFIX}` };
}

function parseWith(re: RegExp, toPeriod: (t: number) => Period): (file: string) => Period | null {
  return (file) => {
    const m = re.exec(file);
    if (!m) return null;
    const p = toPeriod(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1)));
    return p.file === file ? p : null;
  };
}

export const TIERS: readonly Tier[] = [
  { name: '1m', stepMs: MINUTE, periodOf: dayPeriod, parseFile: parseWith(/^(\d{4})-(\d{2})-(\d{2})\.nch$/, dayPeriod) },
  { name: '15m', stepMs: 15 * MINUTE, periodOf: monthPeriod, parseFile: parseWith(/^(\d{4})-(\d{2})\.nch$/, monthPeriod) },
];
