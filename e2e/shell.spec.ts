import { expect, test } from './fixtures';
import { openArea } from './support/ui';

test.describe('App frame', () => {
  test('every area is reachable; unbuilt ones say what will be there', async ({ page, shot }) => {
    for (const area of ['templates', 'storage', 'networks', 'topology']) {
      await openArea(page, area);
      await expect(page.getByTestId('coming-soon')).toBeVisible();
      await expect(page.getByTestId('coming-soon')).toContainText('Coming soon');
    }
    // Built: the dashboard and the alert centre.
    await openArea(page, 'dashboard');
    await expect(page.getByTestId('dashboard')).toBeVisible();
    await openArea(page, 'alerts');
    await expect(page.getByTestId('alerts-tab-rules')).toBeVisible();
    await expect(page.getByTestId('coming-soon')).toHaveCount(0);
    await shot('coming-soon');
    await openArea(page, 'settings');
    await expect(page.getByTestId('app-info')).toContainText('Headless server');
    await openArea(page, 'machines');
    await expect(page.getByTestId('vm-count')).toBeVisible();
  });

  test('the theme follows the OS until chosen, and the choice sticks', async ({ page, shot }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await page.getByTestId('theme-toggle').click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
    await page.reload();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
    await shot('light-after-reload');
  });

  test('the header tells when the backend link is lost', async ({ page, novacron }) => {
    await expect(page.getByTestId('backend-banner')).toHaveCount(0);
    await novacron.stop();
    await expect(page.getByTestId('backend-banner')).toContainText('Backend connection lost — reconnecting');
  });
});
