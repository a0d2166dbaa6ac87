/** The pool health line: thresholds (POOL_HEALTH) and the fill rate over the last hour, as pure functions. */
import { describe, expect, it } from 'vitest';
import { POOL_HEALTH } from '../../shared/contract/storage.js';
import { fillRate, formatBytes, poolHealth } from '../../electron/backend/storage/health.js';

const GiB = 2 ** 30;
const NOW = 1_750_000_000_000;
const MIN = 60_000;
/** One sample a minute over the last `minutes`, growing `perHour` bytes an hour from `start`. */
const series = (minutes: number, start: number, perHour: number) =>
  Array.from({ length: minutes + 1 }, (_, i) => ({ t: NOW - (minutes - i) * MIN, v: start + (perHour * i) / 60 }));

const base = { state: 'running', capacity: 100 * GiB, available: 50 * GiB, samples: [], lastRefreshError: null, now: NOW };

describe('fillRate', () => {
  it('fits the slope in bytes per hour over the last hour only', () => {
    expect(fillRate(series(60, 10 * GiB, 2 * GiB), NOW)).toBeCloseTo(2 * GiB, -3);
    // Older samples (a steep climb two hours ago) do not count.
    const old = [
      { t: NOW - 3 * 60 * MIN, v: 0 },
      { t: NOW - 2 * 60 * MIN, v: 50 * GiB },
    ];
    expect(fillRate([...old, ...series(30, 60 * GiB, -GiB)], NOW)).toBeCloseTo(-GiB, -3);
  });

  it('gives no rate with too few samples or too short a span', () => {
    expect(fillRate(series(1, 0, GiB), NOW)).toBeNull();
    expect(fillRate(series(POOL_HEALTH.rateMinSpanMs / MIN - 1, 0, GiB), NOW)).toBeNull();
    expect(fillRate([], NOW)).toBeNull();
  });
});

describe('poolHealth', () => {
  it('is green with room and no trend', () => {
    const h = poolHealth(base);
    expect(h.level).toBe('green');
    expect(h.fillBytesPerHour).toBeNull();
    expect(h.summary).toBe('running · 50 GiB free, 50% · fill rate not known yet');
  });

  it('grades free space by the documented ratios', () => {
    expect(poolHealth({ ...base, available: 10 * GiB }).level).toBe('amber');
    expect(poolHealth({ ...base, available: 4 * GiB }).level).toBe('red');
    expect(poolHealth({ ...base, available: 4 * GiB }).reasons[0]!.text).toMatch(/almost full/);
  });

  it('grades the time to full from the last hour at the documented horizons', () => {
    const day = poolHealth({ ...base, samples: series(60, 40 * GiB, 4 * GiB) }); // 50 GiB at 4 GiB/h: 12.5 h
    expect(day.level).toBe('red');
    expect(day.hoursToFull).toBeCloseTo(12.5, 0);
    expect(day.reasons[0]!.text).toMatch(/filling 4 GiB\/h, full in 13 h/);
    expect(poolHealth({ ...base, samples: series(60, 40 * GiB, 0.5 * GiB) }).level).toBe('amber'); // 100 h
    expect(poolHealth({ ...base, samples: series(60, 40 * GiB, 0.1 * GiB) }).level).toBe('green'); // 500 h
    expect(poolHealth({ ...base, samples: series(60, 40 * GiB, -GiB) }).summary).toMatch(/shrinking 1 GiB\/h/);
  });

  it('is amber when stopped or after a failed refresh, red when inaccessible', () => {
    expect(poolHealth({ ...base, state: 'inactive' }).level).toBe('amber');
    expect(poolHealth({ ...base, state: 'inaccessible' }).level).toBe('red');
    const failed = poolHealth({ ...base, lastRefreshError: { message: 'cannot open directory', at: NOW } });
    expect(failed.level).toBe('amber');
    expect(failed.reasons[0]!.text).toBe('last refresh failed: cannot open directory');
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(5 * GiB), formatBytes(-2 * GiB)]).toEqual([
      '512 B',
      '1.5 KiB',
      '5 GiB',
      '-2 GiB',
    ]);
  });
});
