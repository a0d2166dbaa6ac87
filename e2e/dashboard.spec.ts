/**
 * The fleet dashboard against the lab: this machine and the 1,000-domain test
 * host connected; the hosts and machines counts, the top consumers, the
 * heatmap on screen; the panels rearranged from the keyboard and the order
 * kept across a reload.
 */
import { expect, test } from './fixtures';
import { connectThisMachine } from './support/monitoring';
import { addConnection, connectionState, openArea } from './support/ui';

test.describe('Dashboard', () => {
  test('hosts, machines by state, top consumers and the heatmap, live', async ({ page, lab, shot }) => {
    test.setTimeout(240_000);
    await connectThisMachine(page, lab.guests);
    await addConnection(page, { name: 'sim', uri: lab.testHost });
    await page.getByTestId('connection-connect-sim').click();
    await expect(connectionState(page, 'sim')).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });
    // A configured host that is not connected counts as "not connected", not as up.
    await addConnection(page, { name: 'idle', uri: 'test:///default' });

    await openArea(page, 'dashboard');
    await expect(page.getByTestId('dash-hosts-up')).toHaveAttribute('data-count', '2');
    await expect(page.getByTestId('dash-hosts-off')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('dash-hosts-down')).toHaveAttribute('data-count', '0');
    const total = Number(await page.getByTestId('dash-machines-total').getAttribute('data-count'));
    expect(total).toBeGreaterThanOrEqual(lab.testHostDomains + lab.guests.length);
    const running = Number(await page.getByTestId('dash-machines-running').getAttribute('data-count'));
    // The lab JSON also says how many test-host domains run.
    const testHostRunning = (lab as typeof lab & { testHostRunning?: number }).testHostRunning ?? 1;
    expect(running).toBeGreaterThanOrEqual(testHostRunning + 1);
    expect(running).toBeLessThan(total);

    // Top consumers: filled from metrics.now and the sweeps, busiest first, with units. (The test
    // driver's domains report no statistics, so the real guests are the ones measured.)
    const topCpu = page.getByTestId('top-cpu-row');
    await expect.poll(() => topCpu.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await expect(page.locator(`[data-testid="top-cpu-row"][data-name="${lab.runningGuest}"]`)).toBeVisible();
    const values = await topCpu.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-value'))));
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    await expect(topCpu.first()).toContainText('%');
    await expect(page.getByTestId('top-memory-row').first()).toContainText(/iB$/);
    await expect(page.getByTestId('top-network-row').first()).toContainText(/B\/s$/);
    const names = await topCpu.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    expect(names.every(Boolean)).toBe(true);

    // The heatmap of machines by CPU over time.
    await expect
      .poll(async () => Number(await page.getByTestId('heatmap').getAttribute('data-rows')), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await expect(page.getByTestId('dash-alerts')).toBeVisible();
    await shot('dashboard-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('dashboard-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // A top consumer opens its machine's page. (By name: the list re-sorts with every sweep.)
    const guest = lab.runningGuest;
    await page.locator(`[data-testid="top-cpu-row"][data-name="${guest}"]`).getByRole('link', { name: guest }).click();
    await expect(page.getByTestId('machine-name')).toHaveText(guest);
  });

  test('panels are rearranged with the keyboard and the layout is remembered', async ({ page, shot }) => {
    await openArea(page, 'dashboard');
    const grid = page.getByTestId('dashboard');
    await expect(grid).toHaveAttribute('data-order', 'hosts,machines,alerts,top,heatmap');
    await expect(page.getByTestId('dash-move-up-hosts')).toBeDisabled();

    // Keyboard only: focus "move up" on the heatmap and press Enter twice; the focus stays on it.
    await page.getByTestId('dash-move-up-heatmap').focus();
    await page.keyboard.press('Enter');
    await expect(grid).toHaveAttribute('data-order', 'hosts,machines,alerts,heatmap,top');
    await expect(page.getByTestId('dash-move-up-heatmap')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(grid).toHaveAttribute('data-order', 'hosts,machines,heatmap,alerts,top');
    await page.getByTestId('dash-move-down-hosts').click();
    await expect(grid).toHaveAttribute('data-order', 'machines,hosts,heatmap,alerts,top');

    await page.reload();
    await expect(grid).toHaveAttribute('data-order', 'machines,hosts,heatmap,alerts,top');
    await shot('rearranged');

    // Dragging a panel by its handle onto another puts it there.
    await page.locator('[data-panel="top"] [draggable="true"]').dragTo(page.getByTestId('dash-panel-machines'));
    await expect(grid).toHaveAttribute('data-order', 'top,machines,hosts,heatmap,alerts');

    await page.getByTestId('dash-reset-layout').click();
    await expect(grid).toHaveAttribute('data-order', 'hosts,machines,alerts,top,heatmap');
    await page.reload();
    await expect(grid).toHaveAttribute('data-order', 'hosts,machines,alerts,top,heatmap');
  });
});
