/** The dashboard's panels are rearranged with buttons (keyboard-reachable) and the order survives a new start. */
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { connection, uuid, vm } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { createTestBackend } from '../../../test/test-backend';
import { LAYOUT_KEY } from '../dashboard-layout';

const HOST = connection({ id: 'c1', name: 'kvm01', state: 'connected' });
const VMS = [
  vm({ connectionId: 'c1', uuid: uuid(1, 1), name: 'web1', state: 'running' }),
  vm({ connectionId: 'c1', uuid: uuid(1, 2), name: 'db1', state: 'running' }),
  vm({ connectionId: 'c1', uuid: uuid(1, 3), name: 'old', state: 'shutoff' }),
];

function backend() {
  return createTestBackend({
    'app.info': () => ({ version: 'test', shell: 'electron', dataDir: '/data', secretStorage: false, warnings: [] }),
    'connections.list': () => [HOST, connection({ id: 'c2', name: 'kvm02', state: 'lost' })],
    'vms.list': () => VMS,
    'alerts.list': () => [],
    'metrics.now': () => ({
      hosts: [{ connectionId: 'c1', t: 1, sweepMs: 3, values: { host_cpu_pct: 12, host_mem_used_pct: 40 } }],
      vms: [
        { connectionId: 'c1', uuid: uuid(1, 1), name: 'web1', t: 1, values: { cpu_pct: 35, mem_used_kib: 1024 * 1024 } },
        { connectionId: 'c1', uuid: uuid(1, 2), name: 'db1', t: 1, values: { cpu_pct: 80, mem_used_kib: 512 * 1024 } },
      ],
    }),
    'metrics.heatmap': () => ({ t: [0, 60_000], rows: [{ connectionId: 'c1', uuid: uuid(1, 2), name: 'db1', cpu: [70, 80] }] }),
  });
}

const order = () => screen.getByTestId('dashboard').getAttribute('data-order');

afterEach(() => localStorage.clear());

describe('Dashboard', () => {
  it('counts hosts and machines and ranks the top consumers', async () => {
    renderApp(backend(), 'dashboard');
    await waitFor(() => expect(screen.getByTestId('dash-hosts-up').getAttribute('data-count')).toBe('1'));
    expect(screen.getByTestId('dash-hosts-down').getAttribute('data-count')).toBe('1');
    await waitFor(() => expect(screen.getByTestId('dash-machines-total').getAttribute('data-count')).toBe('3'));
    expect(screen.getByTestId('dash-machines-running').getAttribute('data-count')).toBe('2');
    await waitFor(() => expect(screen.getAllByTestId('top-cpu-row').map((r) => r.getAttribute('data-name'))).toEqual(['db1', 'web1']));
    expect(screen.getAllByTestId('top-memory-row')[0]?.textContent).toContain('1 GiB');
  });

  it('moves panels with the buttons and remembers the order', async () => {
    const first = renderApp(backend(), 'dashboard');
    expect(order()).toBe('hosts,machines,alerts,top,heatmap');
    await first.user.click(screen.getByTestId('dash-move-up-heatmap'));
    expect(order()).toBe('hosts,machines,alerts,heatmap,top');
    // From the keyboard: the buttons are in the tab order and Enter moves the panel.
    screen.getByTestId('dash-move-down-hosts').focus();
    await first.user.keyboard('{Enter}');
    expect(order()).toBe('machines,hosts,alerts,heatmap,top');
    expect(JSON.parse(localStorage.getItem(LAYOUT_KEY) ?? '[]')).toEqual(['machines', 'hosts', 'alerts', 'heatmap', 'top']);
    expect((screen.getByTestId('dash-move-up-machines') as HTMLButtonElement).disabled).toBe(true);
    first.unmount();

    renderApp(backend(), 'dashboard');
    expect(order()).toBe('machines,hosts,alerts,heatmap,top');
    await first.user.click(screen.getByTestId('dash-reset-layout'));
    expect(order()).toBe('hosts,machines,alerts,top,heatmap');
  });
});
