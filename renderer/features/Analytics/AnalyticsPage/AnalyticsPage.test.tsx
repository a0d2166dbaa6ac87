/**
 * The Analytics area against a test backend: the capacity list in words,
 * a suggestion's reason and basis, Apply → the confirmation → exactly the
 * suggestion's call; consolidation moves shown and not applied; the anomaly
 * feed newest first and live from anomaly.detected; the detector's status.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AnomalyRecord, CapacityItem, MachineSuggestion, RightsizeReport } from '../../../../shared/contract/analytics';
import { connection, uuid, vm } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { createTestBackend } from '../../../test/test-backend';

const DAY = 86_400_000;
const NOW = Date.now();
const U1 = uuid(1, 1);
const U2 = uuid(1, 2);

const basis = { key: 'c1/pool/default/alloc', tier: '15m' as const, stepMs: 900_000, from: NOW - 7 * DAY, to: NOW, samples: 672 };
const CAPACITY: CapacityItem[] = [
  {
    kind: 'pool',
    connectionId: 'c1',
    host: 'kvm01',
    pool: 'default',
    label: 'Pool default on kvm01',
    unit: 'B',
    current: 400 * 2 ** 30,
    limit: 500 * 2 ** 30,
    fillPct: 80,
    days: 12.4,
    low: 9.1,
    high: 17.8,
    status: 'ok',
    basis,
  },
  {
    kind: 'host-memory',
    connectionId: 'c1',
    host: 'kvm01',
    label: 'Memory of kvm01',
    unit: '%',
    current: 35,
    limit: 100,
    fillPct: 35,
    days: null,
    low: null,
    high: null,
    status: 'insufficient-history',
    basis: { ...basis, key: 'c1/host/host_mem_used_pct', samples: 12 },
  },
];

const SUGGESTION: MachineSuggestion = {
  kind: 'fewer-vcpus',
  connectionId: 'c1',
  uuid: U1,
  name: 'web-1',
  reason: 'CPU p95 is 6 % of 8 vCPUs over 7 days: 2 vCPUs would cover it.',
  basis: {
    from: NOW - 7 * DAY,
    to: NOW,
    samples: 10080,
    cpuP50: 2,
    cpuP95: 6,
    memP95: 40,
    netP95Bps: 4096,
    vcpus: 8,
    memoryKiB: 8 * 1024 * 1024,
  },
  action: { method: 'vms.setResources', input: { connectionId: 'c1', uuid: U1, vcpus: 2, mode: 'config' } },
};

const RIGHTSIZE: RightsizeReport = {
  at: NOW,
  windowMs: 7 * DAY,
  machines: [SUGGESTION],
  consolidation: [
    {
      connectionId: 'c1',
      host: 'kvm01',
      reason: 'Its 1 running machine fits on kvm02 with 20 % memory free.',
      moves: [{ uuid: U2, name: 'db-1', memoryKiB: 4 * 1024 * 1024, to: 'c2', toName: 'kvm02' }],
      headroomPct: 20,
    },
  ],
  rules: ['Fewer vCPUs when CPU p95 stays under 25 % of them.'],
};

const anomaly = (t: number, name: string, over: Partial<AnomalyRecord> = {}): AnomalyRecord => ({
  t,
  connectionId: 'c1',
  uuid: U1,
  name,
  series: 'cpu_pct',
  score: 0.95,
  threshold: 0.9,
  value: 88,
  stepMs: 60_000,
  ...over,
});

function world() {
  return createTestBackend({
    'app.info': () => ({ version: 'test', shell: 'electron', dataDir: '/data', secretStorage: false, warnings: [] }),
    'connections.list': () => [connection({ id: 'c1', name: 'kvm01', state: 'connected' })],
    'vms.list': () => [vm({ connectionId: 'c1', uuid: U1, name: 'web-1', state: 'running' })],
    'alerts.list': () => [],
    'alerts.rules': () => [],
    'analytics.anomalies': () => [
      anomaly(NOW - 5 * 60_000, 'web-1'),
      anomaly(NOW - 60 * 60_000, 'web-1', { series: 'net_rx_bps', value: 2048 }),
    ],
    'analytics.capacity': () => ({ at: NOW, items: CAPACITY }),
    'analytics.rightsize': () => RIGHTSIZE,
    'analytics.status': () => ({
      mode: 'worker',
      series: 24,
      scoredPoints: 1200,
      queuedBatches: 0,
      droppedBatches: 0,
      droppedPoints: 0,
      anomalies: 2,
      stepMs: 60_000,
      lastBatchMs: 0.8,
    }),
    'vms.setResources': () => ({ vcpus: { applied: 'config', reason: 'from the next boot' } }),
  });
}

describe('Analytics area', () => {
  it('lists capacity with days until full and its interval, and says when the history is too short', async () => {
    const { user } = renderApp(world(), 'analytics');
    await user.click(await screen.findByTestId('analytics-tab-capacity'));
    const table = await screen.findByTestId('capacity-table');
    const pool = within(table).getByTestId('capacity-row-pool-kvm01-default');
    expect(pool.textContent).toContain('Pool default on kvm01');
    expect(pool.textContent).toContain('400 GiB of 500 GiB');
    expect(pool.textContent).toContain('12 days');
    expect(pool.textContent).toContain('likely 9–18 days');
    expect(within(pool).getByTestId('capacity-status').textContent).toBe('Fills within a month');
    const mem = within(table).getByTestId('capacity-row-host-memory-kvm01');
    expect(within(mem).getByTestId('capacity-status').textContent).toBe('Not enough history yet');
    expect(mem.textContent).toContain('12 samples so far');
    expect(mem.textContent).toContain('35 % used');
    expect(mem.getAttribute('data-status')).toBe('insufficient-history');
  });

  it('applies a suggestion only after the confirmation, with exactly its call', async () => {
    const backend = world();
    const { user } = renderApp(backend, 'analytics');
    await user.click(await screen.findByTestId('analytics-tab-rightsize'));
    const card = await screen.findByTestId('suggestion-web-1-fewer-vcpus');
    expect(within(card).getByTestId('suggestion-reason').textContent).toBe(SUGGESTION.reason);
    expect(within(card).getByTestId('suggestion-basis').textContent).toContain('CPU p50 2.0 %, p95 6.0 %');
    expect(within(card).getByTestId('suggestion-basis').textContent).toContain('10,080 one-minute samples over 7 days');

    await user.click(within(card).getByTestId('suggestion-apply'));
    const confirm = await screen.findByTestId('apply-confirm');
    expect(confirm.textContent).toContain('Set 2 vCPUs from the next boot');
    expect(within(confirm).getByTestId('apply-call').textContent).toBe(`vms.setResources ${JSON.stringify(SUGGESTION.action.input)}`);
    // Cancelling sends nothing.
    await user.click(screen.getByTestId('confirm-cancel'));
    expect(backend.callsTo('vms.setResources')).toEqual([]);

    await user.click(within(card).getByTestId('suggestion-apply'));
    await user.click(await screen.findByTestId('confirm-action'));
    await waitFor(() => expect(backend.callsTo('vms.setResources')).toEqual([SUGGESTION.action.input]));
    expect(backend.calls.filter((c) => c.method.startsWith('vms.') && c.method !== 'vms.list').map((c) => c.method)).toEqual([
      'vms.setResources',
    ]);

    // Consolidation: the moves, no Apply, and why.
    const cons = screen.getByTestId('consolidation-c1');
    expect(cons.textContent).toContain('db-1');
    expect(cons.textContent).toContain('→ kvm02');
    expect(cons.textContent).toContain('needs live migration');
    expect(within(cons).queryByTestId('suggestion-apply')).toBeNull();
  });

  it('shows the anomaly feed newest first, linking to the machine, and adds live ones', async () => {
    const backend = world();
    renderApp(backend, 'analytics');
    const table = await screen.findByTestId('anomalies-table');
    const rows = () => within(table).getAllByTestId('anomaly-row');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]!.getAttribute('data-series')).toBe('cpu_pct');
    expect(within(rows()[0]!).getByRole('link', { name: 'web-1' }).getAttribute('href')).toBe(`#/machines/c1/${U1}`);
    backend.emit('anomaly.detected', anomaly(NOW - 1000, 'web-1', { series: 'mem_used_pct', value: 97 }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[0]!.getAttribute('data-series')).toBe('mem_used_pct');
    expect(rows()[0]!.textContent).toContain('97 %');
  });

  it('shows the detector mode and counts', async () => {
    const { user } = renderApp(world(), 'analytics');
    await user.click(await screen.findByTestId('analytics-tab-status'));
    const mode = await screen.findByTestId('analytics-mode');
    expect(mode.textContent).toBe('Worker thread');
    expect(screen.getByTestId('analytics-series').textContent).toBe('24');
    expect(screen.getByTestId('analytics-last-batch').textContent).toBe('0.8 ms');
  });
});
