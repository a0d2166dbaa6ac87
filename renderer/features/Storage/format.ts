/** Sizes as the Storage area shows and takes them: binary units, like libvirt and the rest of the console. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** 1536 -> "1.5 KiB". */
export function formatBytes(n: number): string {
  let v = Math.abs(n);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  const text = i === 0 ? String(Math.round(v)) : v >= 100 ? v.toFixed(0) : v.toFixed(1).replace(/\.0$/, '');
  return `${n < 0 ? '-' : ''}${text} ${UNITS[i]}`;
}

export const SIZE_UNITS = ['MiB', 'GiB', 'TiB'] as const;
export type SizeUnit = (typeof SIZE_UNITS)[number];
const FACTOR: Record<SizeUnit, number> = { MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 };

/** An amount in a unit as whole bytes; null when not a positive number. */
export function toBytes(amount: number | string, unit: SizeUnit): number | null {
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(n) || n <= 0) return null;
  const bytes = Math.round(n * FACTOR[unit]);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** The largest unit that shows `bytes` as a whole-ish number, for prefilling a size field. */
export function fromBytes(bytes: number): { amount: number; unit: SizeUnit } {
  for (const unit of [...SIZE_UNITS].reverse()) {
    const amount = bytes / FACTOR[unit];
    if (amount >= 1 && Number.isInteger(Math.round(amount * 100) / 100)) return { amount: Math.round(amount * 100) / 100, unit };
  }
  return { amount: Math.round((bytes / FACTOR.MiB) * 100) / 100, unit: 'MiB' };
}

export const percent = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : 0);
