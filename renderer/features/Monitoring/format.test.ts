import { describe, expect, it } from 'vitest';
import { formatAxis, formatBytes, formatValue, seriesLabel, seriesUnit } from './format';

describe('series formatting', () => {
  it('formats bytes with binary prefixes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GiB');
  });
  it('reads KiB as kibibytes, B/s as a byte rate, 1/s as a count rate', () => {
    expect(formatValue(2 * 1024 * 1024, 'KiB')).toBe('2 GiB');
    expect(formatValue(512, 'KiB')).toBe('512 KiB');
    expect(formatValue(12.5 * 1024 * 1024, 'B/s')).toBe('12.5 MiB/s');
    expect(formatValue(950, '1/s')).toBe('950/s');
    expect(formatValue(12_500, '1/s')).toBe('12.5k/s');
  });
  it('shows percentages with a decimal below 10 and none above', () => {
    expect(formatValue(3.14159, '%')).toBe('3.1 %');
    expect(formatValue(87.6, '%')).toBe('88 %');
    expect(formatAxis(50, '%')).toBe('50%');
  });
  it('shows a dash for missing values', () => {
    expect(formatValue(undefined, '%')).toBe('—');
    expect(formatValue(Number.NaN, 'B/s')).toBe('—');
  });
  it('knows each series unit and label from the contract', () => {
    expect(seriesUnit('cpu_pct')).toBe('%');
    expect(seriesUnit('mem_used_kib')).toBe('KiB');
    expect(seriesUnit('host_mem_used_kib')).toBe('KiB');
    expect(seriesLabel('net_rx_bps')).toBe('Network received');
  });
});
