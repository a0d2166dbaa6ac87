import { describe, expect, it } from 'vitest';
import { finishedFigures, formatMs, migrationFigures, migrationSummary } from './format';

const MiB = 1024 * 1024;

describe('migration figures', () => {
  it('labels what the job reports, with units, and leaves out what it does not', () => {
    const figures = migrationFigures({
      mode: 'live',
      dataTotal: 2048 * MiB,
      dataProcessed: 1229 * MiB,
      dataRemaining: 819 * MiB,
      memoryBps: 110 * MiB,
      memoryDirtyRate: 1234,
      memoryPageSize: 4096,
      memoryIteration: 3,
      expectedDowntimeMs: 42,
      elapsedMs: 12_500,
      target: 'kvm02',
    });
    expect(figures.map((f) => [f.key, f.value])).toEqual([
      ['mode', 'live'],
      ['data', '1.2 GiB of 2 GiB'],
      ['remaining', '819 MiB'],
      ['memoryBps', '110 MiB/s'],
      ['dirtyRate', '1,234 pages/s (4.8 MiB/s)'],
      ['iteration', '3'],
      ['expectedDowntime', '42 ms'],
      ['elapsed', '12.5 s'],
    ]);
    expect(migrationFigures(null)).toEqual([]);
    // No disk copied: no disk line.
    expect(migrationFigures({ diskTotal: 0, diskProcessed: 0 })).toEqual([]);
    expect(migrationFigures({ diskTotal: 4 * MiB, diskProcessed: MiB })).toEqual([
      { key: 'disk', label: 'Disks', value: '1 MiB of 4 MiB' },
    ]);
  });

  it('shows the real downtime once it is known, and a one-line summary', () => {
    const detail = { dataProcessed: 512 * MiB, downtimeMs: 18, expectedDowntimeMs: 40, memoryBps: 64 * MiB };
    expect(migrationFigures(detail).find((f) => f.key === 'downtime')?.value).toBe('18 ms');
    expect(migrationFigures(detail).some((f) => f.key === 'expectedDowntime')).toBe(false);
    expect(migrationSummary(detail)).toBe('512 MiB · 64 MiB/s · downtime 18 ms');
  });

  it('drops the live-only figures once the job ended, and a post-copy’s partial transfer', () => {
    const detail = {
      dataProcessed: 3 * MiB,
      dataTotal: 96 * MiB,
      dataRemaining: 93 * MiB,
      memoryIteration: 1,
      expectedDowntimeMs: 300,
      memoryBps: MiB,
    };
    const keys = (succeeded: boolean) => finishedFigures(migrationFigures(detail), detail, succeeded).map((f) => f.key);
    expect(keys(true)).toEqual(['memoryBps']);
    expect(keys(false)).toEqual(['data', 'memoryBps', 'iteration']);
    expect(migrationSummary(detail, 'cancelled')).toBe('3 MiB of 96 MiB · 1 MiB/s');
  });

  it('formats durations', () => {
    expect(formatMs(300)).toBe('300 ms');
    expect(formatMs(9_999)).toBe('9,999 ms');
    expect(formatMs(65_000)).toBe('65 s');
    expect(formatMs(185_000)).toBe('3 min 5 s');
  });
});
