/**
 * Read-only connections and the audit log, as a person meets them: a
 * connection added with "Read-only" shows its machines without any action
 * (a lock saying why), and every change made through NovaCron is in the
 * audit log with the OS user, filterable and exportable as CSV and JSON.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { expect, test } from './fixtures';
import { connectionState, openArea } from './support/ui';
import { connectThisMachine } from './support/workspace';

test('a read-only connection hides every change; the audit log records, filters and exports', async ({ page, lab, shot }) => {
  test.setTimeout(300_000);
  await connectThisMachine(page, 'nc-guest-2');

  // Add the lab's test-driver host with the read-only flag, and connect it.
  await openArea(page, 'connections');
  await page.getByTestId('add-connection').click();
  const form = page.getByTestId('connection-form');
  await form.getByTestId('connection-name').fill('e2e-readonly');
  await form.getByTestId('connection-uri').fill(lab.testHost);
  await form.getByTestId('connection-readonly').check();
  await shot('form-read-only');
  await form.getByTestId('connection-save').click();
  await expect(form).toBeHidden();
  await page.getByTestId('connection-connect-e2e-readonly').click();
  await expect(connectionState(page, 'e2e-readonly')).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });

  // Its machines have no actions, a lock instead; the lab's own machines keep theirs.
  await openArea(page, 'machines');
  await page.getByTestId('vm-filter').fill('sim-0001');
  await expect(page.getByTestId('vm-readonly-sim-0001')).toBeVisible();
  await expect(page.getByTestId('vm-actions-sim-0001').locator('[data-testid^="vm-action-"]')).toHaveCount(0);
  await page.getByTestId('vm-readonly-sim-0001').hover();
  await expect(page.getByRole('tooltip')).toContainText('read-only connection');
  await shot('table-read-only');
  await page.getByTestId('vm-filter').fill('nc-guest-2');
  await expect(page.getByTestId('vm-action-start-nc-guest-2')).toBeVisible();

  // Its page: no lifecycle buttons; every change disabled.
  await page.getByTestId('vm-filter').fill('sim-0001');
  await page.getByTestId('vm-open-sim-0001').click();
  await expect(page.getByTestId('machine-name')).toHaveText('sim-0001');
  await expect(page.getByTestId('machine-read-only')).toBeVisible();
  await expect(page.locator('[data-testid^="machine-action-"]')).toHaveCount(0);
  await expect(page.getByTestId('resources-edit')).toBeDisabled();
  await expect(page.getByTestId('xml-edit')).toBeDisabled();
  await expect(page.getByTestId('snapshot-new')).toBeDisabled();
  await expect(page.getByTestId('tag-input')).toHaveCount(0);
  await shot('page-read-only');

  // The audit log: both connection changes, by this OS user; filters narrow it.
  await openArea(page, 'audit');
  const rows = page.getByTestId('audit-table').getByTestId('audit-row');
  await expect(rows.locator('xpath=.').filter({ hasText: 'connections.add' }).first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"][data-action="connections.addLocal"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="audit-row"][data-action="connections.add"]')).toHaveCount(1);
  await expect(page.getByTestId('audit-user').first()).toHaveText(userInfo().username);
  await page.getByTestId('audit-search').fill('e2e-readonly');
  await expect(page.locator('[data-testid="audit-row"][data-action="connections.addLocal"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="audit-row"][data-action="connections.add"]')).toHaveCount(1);
  await page.getByTestId('audit-search').fill('');
  await page.getByTestId('audit-result').click();
  await page.getByRole('option', { name: 'Failed' }).click();
  await expect(page.getByTestId('audit-table').getByTestId('audit-row')).toHaveCount(0);
  await page.getByTestId('audit-result').click();
  await page.getByRole('option', { name: 'Succeeded' }).click();
  await expect(page.locator('[data-testid="audit-row"][data-action="connections.add"]')).toHaveCount(1);
  await shot('audit');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('audit-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Exports: CSV and JSON files, downloaded through the browser.
  let download = page.waitForEvent('download');
  await page.getByTestId('audit-export-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv.split('\n')[0]).toMatch(/user/i);
  expect(csv).toContain('connections.add');
  expect(csv).toContain(userInfo().username);
  download = page.waitForEvent('download');
  await page.getByTestId('audit-export-json').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const json = JSON.parse(readFileSync(await file.path(), 'utf8')) as unknown;
  expect(JSON.stringify(json)).toContain('connections.add');
});
