/**
 * A machine's page and its charts against the lab: opened from the table,
 * the live CPU chart draws, real CPU load in the guest raises it above 60 %
 * on screen and it falls back when the load stops; a reload keeps the page;
 * a host's page from the Connections table.
 */
import { expect, test } from './fixtures';
import { connectThisMachine, ensureRunning, GuestLoad } from './support/monitoring';
import { openArea } from './support/ui';

test.describe('Monitoring', () => {
  test("a guest's page: live charts, real CPU load on screen, reload keeps the page", async ({ page, lab, shot }) => {
    test.setTimeout(420_000);
    const guest = lab.runningGuest;
    await connectThisMachine(page, lab.guests);
    await ensureRunning(page, guest);

    // Opened from the table by its name.
    await page.getByTestId(`vm-open-${guest}`).click();
    await expect(page).toHaveURL(/#\/machines\/[^/]+\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('machine-name')).toHaveText(guest);
    await expect(page.getByTestId('machine-state')).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('machine-host')).toHaveText('This machine');
    await expect(page.getByTestId('machine-action-shutdown')).toBeVisible();

    // The live CPU chart draws points as sweeps come in, with its latest value and unit next to it.
    const cpu = page.getByTestId('chart-cpu');
    await expect(cpu).toHaveAttribute('data-range', 'live');
    await expect.poll(async () => Number(await cpu.getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(2);
    await expect(page.getByTestId('chart-latest-cpu_pct')).toHaveText(/^\d+(\.\d)? %$/);
    await expect(page.getByTestId('chart-latest-mem_used_kib')).toHaveText(/(KiB|MiB|GiB)$/);
    await shot('machine-page-live');

    // Real load inside the guest raises its CPU series in the chart.
    const load = await GuestLoad.open(lab.system, guest);
    try {
      const latest = page.getByTestId('chart-latest-cpu_pct');
      const pointsBefore = Number(await cpu.getAttribute('data-points'));
      await load.start();
      await expect
        .poll(async () => Number(await latest.getAttribute('data-value')), { timeout: 60_000, message: 'CPU rises above 60 %' })
        .toBeGreaterThan(60);
      await expect(latest).toHaveText(/^\d+ %$/);
      // Appended from the sweeps, not refetched: the live window only grows.
      expect(Number(await cpu.getAttribute('data-points'))).toBeGreaterThan(pointsBefore);
      await shot('machine-page-loaded');
      await load.stop();
      await expect
        .poll(async () => Number(await latest.getAttribute('data-value')), { timeout: 60_000, message: 'CPU falls back after the load' })
        .toBeLessThan(30);
    } finally {
      await load.close();
    }

    // Reload keeps the page (the URL names the machine).
    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    await expect(page.getByTestId('machine-name')).toHaveText(guest);
    await expect.poll(async () => Number(await cpu.getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(2);

    // The other ranges read the history, at most as many points as the chart is wide.
    await page.getByTestId('metrics-range').getByText('1 h').click();
    await expect(cpu).toHaveAttribute('data-range', '1h');
    await expect.poll(async () => Number(await cpu.getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(0);
    const width = (await cpu.boundingBox())?.width ?? 0;
    expect(Number(await cpu.getAttribute('data-points'))).toBeLessThanOrEqual(Math.ceil(width / 50) * 50);
    await cpu.hover();
    await expect(
      page
        .locator('div')
        .filter({ hasText: /^.*CPU \(of its vCPUs\): .*%/ })
        .first(),
    ).toBeVisible();
    await shot('machine-page-1h-tooltip');
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('metrics-range').getByText('Live').click();
      await expect.poll(async () => Number(await cpu.getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(2);
      await shot(`machine-page-${scheme}`);
    }

    // Enter on a table row opens its page too.
    await openArea(page, 'machines');
    await page.getByTestId(`vm-row-${guest}`).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('machine-name')).toHaveText(guest);
  });

  test("a host's page from the Connections table: its machines and charts", async ({ page, lab, shot }) => {
    await connectThisMachine(page, lab.guests);
    await page.getByTestId('connection-open-This machine').click();
    await expect(page).toHaveURL(/#\/hosts\/[^/]+$/);
    await expect(page.getByTestId('host-name')).toHaveText('This machine');
    await expect(page.getByTestId('host-machines-total')).toHaveAttribute('data-count', /^[1-9]\d*$/);
    const cpu = page.getByTestId('chart-host-cpu');
    await expect.poll(async () => Number(await cpu.getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(2);
    await expect(page.getByTestId('chart-latest-host_mem_used_kib')).toHaveText(/(MiB|GiB|TiB)$/);
    await page.reload();
    await expect(page.getByTestId('host-name')).toHaveText('This machine');
    await shot('host-page');
  });

  test('the Machines table draws CPU and memory sparklines from the live sweeps', async ({ page, lab, shot }) => {
    await connectThisMachine(page, lab.guests);
    await openArea(page, 'machines');
    const spark = page.getByTestId(`vm-cpu-${lab.runningGuest}`);
    await expect.poll(async () => Number(await spark.getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(2);
    await expect(spark.locator('polyline')).not.toHaveCount(0);
    await expect(page.getByTestId(`vm-mem-${lab.runningGuest}`)).toContainText('%');
    // No chart instance per row: the table holds no canvas.
    await expect(page.getByTestId('vm-table').locator('canvas')).toHaveCount(0);
    await shot('sparklines');
  });
});
