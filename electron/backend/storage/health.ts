/**
 * The pool health line, a pure function: the pool's state, its free space,
 * how fast it fills (a least-squares slope over the last hour of the pool
 * sampler's allocation samples, monitoring/pools.ts) and the last failed
 * refresh, graded by the thresholds in POOL_HEALTH (shared/contract/storage.ts,
 * which the UI's tooltip shows).
 */
import { POOL_HEALTH, type HealthLevel, type PoolHealth } from '../../../shared/contract/storage.js';

export interface HealthInput {
  state: string;
  capacity: number;
  available: number;
  /** Allocation samples (ms, bytes), oldest first; only the last POOL_HEALTH.rateWindowMs before `now` count. */
  samples: readonly { t: number; v: number }[];
  lastRefreshError: { message: string; at: number } | null;
  now: number;
}

const RANK: Record<HealthLevel, number> = { green: 0, amber: 1, red: 2 };

/** Bytes per hour, or null with too few samples or too short a span. */
export function fillRate(samples: readonly { t: number; v: number }[], now: number): number | null {
  const recent = samples.filter((s) => s.t > now - POOL_HEALTH.rateWindowMs && s.t <= now && Number.isFinite(s.v));
  if (recent.length < POOL_HEALTH.rateMinSamples) return null;
  if (recent[recent.length - 1]!.t - recent[0]!.t < POOL_HEALTH.rateMinSpanMs) return null;
  const n = recent.length;
  const mt = recent.reduce((a, s) => a + s.t, 0) / n;
  const mv = recent.reduce((a, s) => a + s.v, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of recent) {
    num += (s.t - mt) * (s.v - mv);
    den += (s.t - mt) ** 2;
  }
  return den === 0 ? null : (num / den) * 3_600_000;
}

/** 1536 -> "1.5 KiB" (binary units, as libvirt and the UI count). */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = Math.abs(n);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const text = i === 0 ? String(Math.round(v)) : v >= 100 ? v.toFixed(0) : v.toFixed(1).replace(/\.0$/, '');
  return `${n < 0 ? '-' : ''}${text} ${units[i]}`;
}

function hoursText(h: number): string {
  return h < 48 ? `${Math.max(1, Math.round(h))} h` : `${Math.round(h / 24)} days`;
}

export function poolHealth(p: HealthInput): PoolHealth {
  const reasons: PoolHealth['reasons'] = [];
  const add = (level: HealthLevel, text: string) => reasons.push({ level, text });
  const running = p.state === 'running';
  if (p.state === 'inaccessible' || p.state === 'degraded') add('red', `${p.state}: its storage cannot be reached`);
  else if (!running) add('amber', p.state === 'building' ? 'being built' : 'stopped: its volumes cannot be used');
  else add('green', 'running');

  let rate: number | null = null;
  let hoursToFull: number | null = null;
  if (running && p.capacity > 0) {
    const ratio = p.available / p.capacity;
    const free = `${formatBytes(p.available)} free, ${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`;
    if (ratio < POOL_HEALTH.redFreeRatio) add('red', `${free}: almost full`);
    else if (ratio < POOL_HEALTH.amberFreeRatio) add('amber', `${free}: getting full`);
    else add('green', free);

    rate = fillRate(p.samples, p.now);
    if (rate === null) add('green', 'fill rate not known yet (under an hour of samples)');
    else if (rate <= 0 || p.available <= 0) add('green', rate < 0 ? `shrinking ${formatBytes(-rate)}/h` : 'not filling');
    else {
      hoursToFull = p.available / rate;
      const text = `filling ${formatBytes(rate)}/h, full in ${hoursText(hoursToFull)}`;
      if (hoursToFull < POOL_HEALTH.redHoursToFull) add('red', text);
      else if (hoursToFull < POOL_HEALTH.amberHoursToFull) add('amber', text);
      else add('green', text);
    }
  }
  if (p.lastRefreshError) add('amber', `last refresh failed: ${p.lastRefreshError.message}`);

  const ordered = reasons
    .map((r, i) => ({ r, i }))
    .sort((a, b) => RANK[b.r.level] - RANK[a.r.level] || a.i - b.i)
    .map((x) => x.r);
  const level = ordered.reduce<HealthLevel>((worst, r) => (RANK[r.level] > RANK[worst] ? r.level : worst), 'green');
  return {
    level,
    // The line gives each finding's head (before a colon or a bracket); the tooltip the whole text.
    summary: reasons.map((r) => r.text.split(/[:(]/)[0]!.trim()).join(' · '),
    reasons: ordered,
    fillBytesPerHour: rate,
    hoursToFull,
    lastRefreshError: p.lastRefreshError,
  };
}
