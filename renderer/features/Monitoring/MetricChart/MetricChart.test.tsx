/**
 * A machine's live charts on its page: the recent window read once from the
 * history, then every metrics.sweep appended without asking again, the
 * latest value shown with its unit.
 */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { connection, vm } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { createTestBackend } from '../../../test/test-backend';

const HOST = connection({ id: 'c1', name: 'kvm01', state: 'connected' });
const UUID = '00000000-0000-4000-8000-000000000001';
const WEB = vm({ connectionId: 'c1', uuid: UUID, name: 'web1', state: 'running' });

function world() {
  const now = Date.now();
  const backend = createTestBackend({
    'app.info': () => ({ version: 'test', shell: 'electron', dataDir: '/data', secretStorage: false, warnings: [] }),
    'connections.list': () => [HOST],
    'vms.get': () => WEB,
    'vms.list': () => [WEB],
    'alerts.list': () => [],
    'metrics.query': (q) => ({
      series: q.series,
      unit: q.series.startsWith('cpu') || q.series.endsWith('pct') ? '%' : 'B/s',
      tier: 'raw',
      stepMs: 2000,
      t: [now - 6000, now - 4000],
      min: [5, 7],
      avg: [5, 7],
      max: [5, 7],
    }),
  });
  return { backend, now };
}

const sweep = (t: number, cpu: number) => ({
  host: { connectionId: 'c1', t, sweepMs: 12, values: { host_cpu_pct: 10 } },
  vms: [{ connectionId: 'c1', uuid: UUID, name: 'web1', t, values: { cpu_pct: cpu, cpu_host_pct: cpu / 4, mem_used_kib: 512 * 1024 } }],
});

describe('MetricChart (live)', () => {
  it('seeds from the history once, then appends each sweep; the readout follows with its unit', async () => {
    const { backend, now } = world();
    window.location.hash = `/machines/c1/${UUID}`;
    renderApp(backend, `machines/c1/${UUID}` as never);
    expect(await screen.findByTestId('machine-name')).toHaveProperty('textContent', 'web1');
    const cpu = await screen.findByTestId('chart-cpu');
    await waitFor(() => expect(cpu.getAttribute('data-points')).toBe('2'));
    expect(screen.getByTestId('chart-latest-cpu_pct').textContent).toBe('7.0 %');
    const queriesBefore = backend.callsTo('metrics.query').length;
    expect(queriesBefore).toBe(13); // every series of the machine, once

    backend.emit('metrics.sweep', sweep(now - 2000, 42));
    await waitFor(() => expect(cpu.getAttribute('data-points')).toBe('3'));
    backend.emit('metrics.sweep', sweep(now, 87.5));
    await waitFor(() => expect(screen.getByTestId('chart-latest-cpu_pct').textContent).toBe('88 %'));
    expect(cpu.getAttribute('data-points')).toBe('4');
    expect(cpu.getAttribute('data-latest')).toBe('87.5');
    expect(screen.getByTestId('chart-latest-mem_used_kib').textContent).toBe('512 MiB');
    // A sweep older than the last point (a late event) is not drawn twice.
    backend.emit('metrics.sweep', sweep(now - 1000, 10));
    await new Promise((r) => setTimeout(r, 50));
    expect(cpu.getAttribute('data-points')).toBe('4');
    // Live appends without asking the history again.
    expect(backend.callsTo('metrics.query').length).toBe(queriesBefore);
  });
});
