/**
 * The Analytics area against the lab: this machine connected the first-run
 * way; the capacity list shows its memory, CPU and the lab's pool (with a
 * fresh history, as "not enough history yet" or a date); the status tab
 * shows the detector's mode; the right-sizing tab says what it has (with a
 * fresh history: no suggestions yet, and the rules it follows). The rule
 * editor makes an "anomalous for N min" rule, which the rules list shows.
 * The host page shows that host's capacity, and its charts' forecast toggle
 * draws a forecast or says there is not enough history.
 */
import { expect, test } from './fixtures';
import { connectThisMachine } from './support/monitoring';
import { openArea } from './support/ui';

const RULE = 'e2e CPU anomalous';

test.describe('Analytics', () => {
  test('capacity, status and right-sizing of the lab; an anomalous rule', async ({ page, lab, shot }) => {
    test.setTimeout(120_000);
    await connectThisMachine(page, lab.guests);

    await openArea(page, 'analytics');
    await expect(page.getByRole('heading', { name: 'Analytics' })).toBeVisible();
    await expect(page.getByTestId('anomalies-feed')).toBeVisible();
    await expect(page.getByTestId('anomalies-count')).toBeVisible();
    await shot('anomalies');

    // Capacity: each row with a status.
    await page.getByTestId('analytics-tab-capacity').click();
    const table = page.getByTestId('capacity-table');
    await expect(table).toBeVisible({ timeout: 30_000 });
    // The host's memory (its CPU row follows once two sweeps give a CPU rate) and the lab's pool.
    await expect(table.locator('tr[data-kind="host-memory"]', { hasText: 'This machine' })).toBeVisible({ timeout: 30_000 });
    const pool = table.locator('tr[data-kind="pool"]', { hasText: lab.pool });
    await expect(pool).toBeVisible({ timeout: 30_000 });
    await expect(pool.getByTestId('capacity-status')).toHaveText(/Not enough history yet|Not filling|OK|Fills within a (week|month)/);
    // A fresh history says so rather than inventing a date.
    const status = await pool.getAttribute('data-status');
    if (status === 'insufficient-history') await expect(pool).toContainText('Not enough history yet');
    await shot('capacity');

    // Status: the detector's mode.
    await page.getByTestId('analytics-tab-status').click();
    const mode = page.getByTestId('analytics-mode');
    await expect(mode).toHaveAttribute('data-mode', /^(worker|in-process|off)$/);
    await expect(mode).toHaveText(/Worker thread|In process|Off/);
    await expect(page.getByTestId('analytics-series')).toBeVisible();
    await shot('status');

    // Right-sizing: with a fresh history, no suggestions yet; the rules are stated either way.
    await page.getByTestId('analytics-tab-rightsize').click();
    const rightsize = page.getByTestId('rightsize');
    await expect(rightsize).toBeVisible({ timeout: 30_000 });
    await expect(rightsize).toContainText('From the last');
    await expect(page.getByTestId('rightsize-rules').locator('li').first()).toBeVisible();
    const machines = page.getByTestId('rightsize-machines');
    if ((await machines.count()) === 0) await expect(page.getByTestId('rightsize-empty')).toContainText('not enough history yet');
    else await expect(machines.getByTestId('suggestion-basis').first()).toContainText('samples');
    await shot('rightsize');

    // Dark scheme: the same tabs stay readable.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByTestId('analytics-tab-capacity').click();
    await expect(page.getByTestId('capacity-table')).toBeVisible();
    await shot('capacity-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The rule editor: "anomalous for N min" takes a metric and a duration, no threshold.
    await openArea(page, 'alerts');
    await page.getByTestId('alerts-tab-rules').click();
    await page.getByTestId('rule-add').click();
    const form = page.getByTestId('rule-form');
    await form.getByTestId('rule-kind').click();
    await page.getByRole('option', { name: 'A metric is anomalous for N min' }).click();
    await expect(form.getByTestId('rule-threshold')).toHaveCount(0);
    await expect(form.getByTestId('rule-metric')).toBeVisible();
    await form.getByTestId('rule-name').fill(RULE);
    await form.getByTestId('rule-for').fill('10');
    await shot('anomalous-rule-form');
    await form.getByTestId('rule-save').click();
    await expect(form).toBeHidden();
    const row = page.getByTestId(`rule-row-${RULE}`);
    await expect(row).toContainText('anomalous for 10 min');
    await shot('anomalous-rule-listed');

    // The host's page: its own capacity.
    await openArea(page, 'connections');
    await page.getByTestId('connection-open-This machine').click();
    const hostCap = page.getByTestId('host-capacity');
    await expect(hostCap.locator('tr[data-kind="pool"]', { hasText: lab.pool })).toBeVisible({ timeout: 30_000 });
    await shot('host-capacity');

    // The forecast toggle on the host's charts: drawn, or "not enough history yet" with a fresh history.
    const chart = page.getByTestId('chart-host-mem-pct');
    await expect(chart).toHaveAttribute('data-forecast', 'off');
    await page.getByTestId('metrics-forecast').click();
    await expect(chart).toHaveAttribute('data-forecast', /^(shown|unavailable)$/, { timeout: 20_000 });
    if ((await chart.getAttribute('data-forecast')) === 'unavailable')
      await expect(page.getByTestId('forecast-note-host-mem-pct')).toContainText('not enough history yet');
    await page.getByTestId('host-metrics').scrollIntoViewIfNeeded();
    await shot('host-forecast');
  });
});
