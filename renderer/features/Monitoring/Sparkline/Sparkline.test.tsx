/** Sparklines: a bounded ring per machine filled by the sweeps, drawn as one small SVG polyline. */
import { MantineProvider } from '@mantine/core';
import { act, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { liveStoreOf, Ring, SPARK_POINTS, type SweepPayload } from '../live-store';
import { Sparkline, sparkPaths, SPARK_HEIGHT, SPARK_WIDTH } from './Sparkline';

const UUID = '00000000-0000-4000-8000-0000000000aa';
const sweep = (t: number, cpu: number | undefined, vms = true): SweepPayload => ({
  host: { connectionId: 'c1', t, sweepMs: 5, values: {} },
  vms: vms
    ? [{ connectionId: 'c1', uuid: UUID, name: 'web1', t, values: cpu === undefined ? {} : { cpu_pct: cpu, mem_used_pct: 50 } }]
    : [],
});

describe('Ring', () => {
  it('keeps the last N values, oldest first', () => {
    const r = new Ring(3);
    [1, 2, 3, 4].forEach((v) => r.push(v));
    expect(r.values()).toEqual([2, 3, 4]);
    expect(r.last()).toBe(4);
    r.push(undefined);
    expect(r.values()).toEqual([3, 4, Number.NaN]);
    expect(r.last()).toBeUndefined();
  });
});

describe('sparkPaths', () => {
  it('puts the newest value at the right edge, 100 % at the top, and breaks at gaps', () => {
    const [line] = sparkPaths([0, 100], SPARK_WIDTH, SPARK_HEIGHT, 2);
    expect(line).toBe(`0.0,${SPARK_HEIGHT - 1}.0 ${SPARK_WIDTH}.0,1.0`);
    expect(sparkPaths([10, Number.NaN, 20, 30], 30, 10, 4)).toHaveLength(2);
    // A short ring is drawn flush right.
    expect(sparkPaths([50], 30, 10, 4)[0]?.startsWith('30.0,')).toBe(true);
  });
});

describe('Sparkline', () => {
  it('redraws on each sweep of its machine and empties when the machine leaves the sweeps', () => {
    const client = new QueryClient();
    const live = liveStoreOf(client);
    render(
      <MantineProvider>
        <QueryClientProvider client={client}>
          <Sparkline connectionId="c1" uuid={UUID} series="cpu_pct" label="CPU of web1" testId="spark" />
        </QueryClientProvider>
      </MantineProvider>,
    );
    const spark = screen.getByTestId('spark');
    expect(spark.getAttribute('data-points')).toBe('0');
    expect(spark.textContent).toBe('—');

    act(() => {
      for (let i = 0; i < SPARK_POINTS + 10; i++) live.ingest(sweep(i * 2000, i % 100));
    });
    // Bounded: never more than the ring holds.
    expect(spark.getAttribute('data-points')).toBe(String(SPARK_POINTS));
    expect(spark.querySelectorAll('polyline')).toHaveLength(1);
    expect(spark.textContent).toBe('69%');
    expect(spark.getAttribute('aria-label')).toBe('CPU of web1: 69%');

    // Shut off: the host's next sweep has no values for it.
    act(() => live.ingest(sweep(999_000, undefined, false)));
    expect(spark.getAttribute('data-points')).toBe('0');
    expect(spark.querySelectorAll('polyline')).toHaveLength(0);
  });
});
