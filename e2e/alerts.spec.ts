/**
 * The alert centre against the lab: a rule created in the UI (CPU above 50 %
 * for 5 s on one guest) watches real load in the guest; its alert goes
 * pending, firing (a toast, the nav badge) and resolved once the load stops;
 * acknowledging it shows who and when. Rules: validation, built-ins not
 * deletable, a user rule deleted after a confirmation. The webhook's status.
 */
import { userInfo } from 'node:os';
import { expect, test } from './fixtures';
import { connectThisMachine, ensureRunning, GuestLoad } from './support/monitoring';
import { openArea } from './support/ui';

const RULE = 'e2e CPU above 50 %';

test.describe('Alerts', () => {
  test('a rule made in the UI raises an alert from real load: pending, firing, acknowledged, resolved', async ({ page, lab, shot }) => {
    test.setTimeout(420_000);
    const guest = lab.runningGuest;
    await connectThisMachine(page, lab.guests);
    await ensureRunning(page, guest);

    await openArea(page, 'alerts');
    await page.getByTestId('alerts-tab-rules').click();
    // Built-in rules are listed, editable, not deletable.
    const builtin = page.getByTestId('rules-table').locator('tr', { hasText: 'built-in' }).first();
    await expect(builtin).toBeVisible();
    await expect(builtin.locator('[data-testid^="rule-edit-"]')).toBeVisible();
    await expect(builtin.locator('[data-testid^="rule-delete-"]')).toHaveCount(0);

    await page.getByTestId('rule-add').click();
    const form = page.getByTestId('rule-form');
    // Validation speaks before anything is sent.
    await form.getByTestId('rule-threshold').fill('150');
    await form.getByTestId('rule-save').click();
    await expect(form).toContainText('A name is required');
    await expect(form).toContainText('Between 0 and 100 %');
    await shot('rule-form-errors');

    await form.getByTestId('rule-name').fill(RULE);
    await form.getByTestId('rule-scope').getByText('One machine').click();
    await form.getByTestId('rule-machine').click();
    await form.getByTestId('rule-machine').fill(guest);
    await page.getByRole('option', { name: `${guest} (This machine)` }).click();
    await form.getByTestId('rule-threshold').fill('50');
    await form.getByTestId('rule-for').fill('5');
    await form.getByTestId('rule-for-unit').click();
    await page.getByRole('option', { name: 'seconds' }).click();
    await expect(form).not.toContainText('A name is required');
    await shot('rule-form');
    await form.getByTestId('rule-save').click();
    await expect(form).toBeHidden();
    const row = page.getByTestId(`rule-row-${RULE}`);
    await expect(row).toContainText('CPU (of its vCPUs) above 50 % for 5 s');
    await expect(row).toContainText('one machine on This machine');

    // Watch the alert's states as the centre shows them.
    await page.getByTestId('alerts-tab-alerts').click();
    await page.getByTestId('alerts-view').getByText('All').click();
    await page.evaluate((rule) => {
      const seen: string[] = [];
      Object.assign(window, { __alertStates: seen });
      const record = () => {
        for (const tr of document.querySelectorAll(`tr[data-rule="${rule}"]`)) {
          const s = tr.getAttribute('data-state');
          if (s && seen[seen.length - 1] !== s) seen.push(s);
        }
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-state'],
      });
    }, RULE);
    const states = () => page.evaluate(() => (window as unknown as { __alertStates: string[] }).__alertStates);

    const alertRow = page.locator(`tr[data-rule="${RULE}"]`).first();
    const load = await GuestLoad.open(lab.system, guest);
    try {
      await load.start();
      await expect(alertRow).toHaveAttribute('data-state', 'firing', { timeout: 90_000 });
      await expect(page.locator('.mantine-Notification-root', { hasText: RULE })).toBeVisible();
      await expect(page.getByTestId('alert-count')).toBeVisible();
      await expect(alertRow).toContainText(guest);
      await expect(alertRow.locator('td').nth(4)).toHaveText(/^\d+(\.\d)? %$/);
      await shot('firing');

      // Acknowledging records who and when.
      await alertRow.getByTestId('alert-ack').click();
      await expect(alertRow.getByTestId('alert-acked')).toHaveAttribute('data-by', userInfo().username);
      await expect(alertRow.getByTestId('alert-acked')).toContainText(`by ${userInfo().username}`);

      await load.stop();
      await expect(alertRow).toHaveAttribute('data-state', 'resolved', { timeout: 90_000 });
    } finally {
      await load.close();
    }
    expect(await states()).toEqual(['pending', 'firing', 'resolved']);
    await expect(alertRow.getByTestId('alert-acked')).toBeVisible();
    await shot('resolved');

    // History and filters.
    await page.getByTestId('alerts-view').getByText('Active').click();
    await expect(page.locator(`tr[data-rule="${RULE}"]`)).toHaveCount(0);
    await page.getByTestId('alerts-view').getByText('History').click();
    await page.getByTestId('alerts-filter').fill('e2e CPU');
    await expect(page.locator(`tr[data-rule="${RULE}"]`)).toHaveCount(1);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('history-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The user's rule is deleted after a confirmation.
    await page.getByTestId('alerts-tab-rules').click();
    await shot('rules');
    await page.getByTestId(`rule-delete-${RULE}`).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`Delete ${RULE}?`);
    await dialog.getByTestId('confirm-action').click();
    await expect(page.getByTestId(`rule-row-${RULE}`)).toHaveCount(0);
  });

  test('the webhook: URL validated, saved, and its delivery status shown', async ({ page, shot }) => {
    await openArea(page, 'alerts');
    await page.getByTestId('alerts-tab-webhook').click();
    const card = page.getByTestId('webhook-card');
    await card.getByTestId('webhook-enabled').check();
    await card.getByTestId('webhook-url').fill('ftp://example.org/hook');
    await card.getByTestId('webhook-save').click();
    await expect(card).toContainText('An http:// or https:// URL');
    await card.getByTestId('webhook-url').fill('http://127.0.0.1:9/novacron');
    await card.getByTestId('webhook-save').click();
    await expect(card.getByTestId('webhook-status')).toContainText('on');
    await expect(card.getByTestId('webhook-queued')).toHaveText('0');
    await page.reload();
    await page.getByTestId('alerts-tab-webhook').click();
    await expect(page.getByTestId('webhook-url')).toHaveValue('http://127.0.0.1:9/novacron');
    await shot('webhook');
  });
});
