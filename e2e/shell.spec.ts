import { expect, test } from './fixtures';
import { openArea } from './support/ui';

test.describe('App frame', () => {
  test('every area is reachable and built', async ({ page, shot }) => {
    // Every area of the navigation opens its own page with its title; none is a placeholder any more.
    const areas = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
    expect(areas).toEqual(expect.arrayContaining(['dashboard', 'machines', 'templates', 'storage', 'networks', 'topology', 'alerts']));
    for (const area of areas) {
      await openArea(page, area);
      await expect(page.locator('main h2').first()).toBeVisible();
      await expect(page.getByTestId('coming-soon')).toHaveCount(0);
    }
    await openArea(page, 'dashboard');
    await expect(page.getByTestId('dashboard')).toBeVisible();
    await openArea(page, 'alerts');
    await expect(page.getByTestId('alerts-tab-rules')).toBeVisible();
    await shot('areas');
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
