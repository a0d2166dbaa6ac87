/** Capacity and right-sizing in words: days until full, their interval, a row's status, a suggestion's basis and call. */
import { describe, expect, it } from 'vitest';
import { actionText, basisText, capacityStatus, capacityText, capacityUsage, formatDays, formatInterval } from './format';

describe('capacity formatting', () => {
  it('says days until full in whole days, with the edges in words', () => {
    expect(formatDays(null)).toBe('not within a year');
    expect(formatDays(0)).toBe('full now');
    expect(formatDays(0.4)).toBe('under a day');
    expect(formatDays(1.2)).toBe('1 day');
    expect(formatDays(12.6)).toBe('13 days');
    expect(formatDays(400)).toBe('over a year');
  });

  it('gives the interval its two ends, or the one it has', () => {
    expect(formatInterval(9.2, 17.4)).toBe('9–17 days');
    expect(formatInterval(30, null)).toBe('from 30 days');
    expect(formatInterval(null, 5)).toBe('up to 5 days');
    expect(formatInterval(null, null)).toBe('');
    expect(formatInterval(0.3, 2)).toBe('<1–2 days');
    expect(formatInterval(200, 500)).toBe('200–>365 days');
    expect(formatInterval(10.1, 9.9)).toBe('10 days');
  });

  it('reads a row: a date with its interval, no date, or not enough history', () => {
    expect(capacityText({ status: 'ok', days: 12.6, low: 9, high: 17 })).toBe('Full in 13 days (9–17 days)');
    expect(capacityText({ status: 'ok', days: null, low: null, high: null })).toBe('Not full within a year');
    expect(capacityText({ status: 'insufficient-history', days: null, low: null, high: null })).toBe('Not enough history yet');
    expect(capacityStatus({ status: 'ok', days: 3 })).toEqual({ text: 'Fills within a week', tone: 'red' });
    expect(capacityStatus({ status: 'ok', days: 20 })).toEqual({ text: 'Fills within a month', tone: 'orange' });
    expect(capacityStatus({ status: 'ok', days: 90 })).toEqual({ text: 'OK', tone: 'teal' });
    expect(capacityStatus({ status: 'ok', days: null })).toEqual({ text: 'Not filling', tone: 'teal' });
    expect(capacityStatus({ status: 'insufficient-history', days: null }).text).toBe('Not enough history yet');
    expect(capacityUsage({ current: 42, limit: 100, unit: '%' })).toBe('42 % used');
    expect(capacityUsage({ current: 120 * 2 ** 30, limit: 500 * 2 ** 30, unit: 'B' })).toBe('120 GiB of 500 GiB');
  });
});

describe('right-sizing formatting', () => {
  it('states the percentiles, window and samples a suggestion rests on', () => {
    const text = basisText({
      from: 0,
      to: 7 * 86_400_000,
      samples: 10080,
      cpuP50: 2.5,
      cpuP95: 6,
      memP95: 41,
      netP95Bps: 1536,
      vcpus: 4,
      memoryKiB: 8 * 1024 * 1024,
    });
    expect(text).toBe(
      'CPU p50 2.5 %, p95 6.0 %; memory p95 41 %; network p95 1.5 KiB/s — 10,080 one-minute samples over 7 days (4 vCPUs, 8 GiB)',
    );
    expect(
      basisText({
        from: 0,
        to: 3_600_000,
        samples: 60,
        cpuP50: null,
        cpuP95: null,
        memP95: null,
        netP95Bps: null,
        vcpus: 1,
        memoryKiB: 1024,
      }),
    ).toContain('CPU p50 —, p95 —');
  });

  it('says what applying does', () => {
    expect(actionText({ method: 'vms.setResources', input: { connectionId: 'c', uuid: 'u', vcpus: 2, mode: 'config' } })).toBe(
      'Set 2 vCPUs from the next boot',
    );
    expect(
      actionText({ method: 'vms.setResources', input: { connectionId: 'c', uuid: 'u', memoryKiB: 2 * 1024 * 1024, mode: 'config' } }),
    ).toBe('Set 2 GiB of memory from the next boot');
    expect(actionText({ method: 'vms.act', input: { connectionId: 'c', uuid: 'u', action: 'shutdown' } })).toMatch(
      /^Shut the machine down/,
    );
  });
});
