/** The wrapper drives one ECharts instance: created with the box, given each option, resized, disposed. */
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ChartOption } from './echarts';

const fake = vi.hoisted(() => ({
  setOption: vi.fn(),
  dispose: vi.fn(),
  resize: vi.fn(),
  init: vi.fn(),
}));
vi.mock('./echarts', () => ({
  canDraw: () => true,
  init: fake.init.mockImplementation(() => ({ setOption: fake.setOption, dispose: fake.dispose, resize: fake.resize })),
}));

const { Chart } = await import('./Chart');

describe('Chart', () => {
  it('creates one instance, hands it each new option, and disposes it on unmount', () => {
    const first: ChartOption = { series: [{ type: 'line', data: [[1, 2]] }] };
    const onChart = vi.fn();
    const view = render(
      <MantineProvider>
        <Chart option={first} height={120} testId="c" onChart={onChart} data={{ 'data-points': 1 }} />
      </MantineProvider>,
    );
    expect(fake.init).toHaveBeenCalledTimes(1);
    expect(fake.setOption).toHaveBeenCalledWith(first);
    expect(onChart).toHaveBeenCalledWith(expect.objectContaining({ setOption: fake.setOption }));
    const box = view.getByTestId('c');
    expect(box.getAttribute('data-points')).toBe('1');
    expect(box.style.height).toBe('120px');

    const next: ChartOption = {
      series: [
        {
          type: 'line',
          data: [
            [1, 2],
            [2, 3],
          ],
        },
      ],
    };
    view.rerender(
      <MantineProvider>
        <Chart option={next} height={120} testId="c" replace={['series']} onChart={onChart} data={{ 'data-points': 2 }} />
      </MantineProvider>,
    );
    expect(fake.init).toHaveBeenCalledTimes(1);
    expect(fake.setOption).toHaveBeenLastCalledWith(next, { replaceMerge: ['series'] });
    expect(box.getAttribute('data-points')).toBe('2');

    view.unmount();
    expect(fake.dispose).toHaveBeenCalledTimes(1);
    expect(onChart).toHaveBeenLastCalledWith(null);
  });
});
