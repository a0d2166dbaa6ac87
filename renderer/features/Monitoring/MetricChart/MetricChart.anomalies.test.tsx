/**
 * Anomaly marks on a machine's charts: each chart marks the anomalies of its
 * own series of this machine only, read with the window and added live from
 * anomaly.detected.
 */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AnomalyRecord } from '../../../../shared/contract/analytics';
import { connection, vm } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { createTestBackend } from '../../../test/test-backend';

const UUID = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const WEB = vm({ connectionId: 'c1', uuid: UUID, name: 'web1', state: 'running' });

const rec = (t: number, over: Partial<AnomalyRecord>): AnomalyRecord => ({
  t,
  connectionId: 'c1',
  uuid: UUID,
  name: 'web1',
  series: 'cpu_pct',
  score: 0.96,
  threshold: 0.9,
  value: 90,
  stepMs: 60_000,
  ...over,
});

describe('MetricChart anomaly marks', () => {
  it('marks its own series of this machine, and live ones as they arrive', async () => {
    const now = Date.now();
    const backend = createTestBackend({
      'app.info': () => ({ version: 'test', shell: 'electron', dataDir: '/data', secretStorage: false, warnings: [] }),
      'connections.list': () => [connection({ id: 'c1', name: 'kvm01', state: 'connected' })],
      'vms.get': () => WEB,
      'vms.list': () => [WEB],
      'alerts.list': () => [],
      'metrics.query': (q) => ({ series: q.series, unit: '%', tier: 'raw', stepMs: 2000, t: [now - 4000], min: [5], avg: [5], max: [5] }),
      'analytics.anomalies': (q) =>
        [rec(now - 120_000, {}), rec(now - 60_000, { series: 'mem_used_pct' })].filter((r) => !q.uuid || r.uuid === q.uuid),
    });
    renderApp(backend, `machines/c1/${UUID}` as never);
    const cpu = await screen.findByTestId('chart-cpu');
    const mem = await screen.findByTestId('chart-mem-pct');
    await waitFor(() => expect(cpu.getAttribute('data-anomalies')).toBe('1'));
    expect(mem.getAttribute('data-anomalies')).toBe('1');
    expect(screen.getByTestId('chart-net').getAttribute('data-anomalies')).toBe('0');
    // One read for the whole page, scoped to this machine.
    expect(backend.callsTo('analytics.anomalies')).toHaveLength(1);
    expect(backend.callsTo('analytics.anomalies')[0]).toMatchObject({ connectionId: 'c1', uuid: UUID });

    // Another machine's anomaly is not this chart's; this machine's is.
    backend.emit('anomaly.detected', rec(now - 1000, { uuid: OTHER, name: 'db1' }));
    backend.emit('anomaly.detected', rec(now, { series: 'cpu_host_pct' }));
    await waitFor(() => expect(cpu.getAttribute('data-anomalies')).toBe('2'));
    expect(mem.getAttribute('data-anomalies')).toBe('1');
  });
});
