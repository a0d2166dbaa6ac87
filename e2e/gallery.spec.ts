/**
 * Screenshots of the main screens in both themes at two common viewport
 * sizes, kept under e2e/artifacts/gallery/ for a human to look over.
 */
import { expect, test } from './fixtures';
import { addConnection, connectionState, connectLabSsh, openArea } from './support/ui';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

test('gallery: main screens, light and dark, 1280x800 and 1920x1080', async ({ page, lab, shot }) => {
  await connectLabSsh(page, lab);
  await addConnection(page, { name: 'sim', uri: lab.testHost });
  await page.getByTestId('connection-connect-sim').click();
  await expect(connectionState(page, 'sim')).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });
  await addConnection(page, { name: 'stranger', uri: lab.sshUnknownHost, keyFile: lab.keyfile });

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      const tag = `${scheme}-${vp.width}x${vp.height}`;
      for (const close of await page.locator('.mantine-Notification-closeButton').all())
        await close.click({ timeout: 2_000 }).catch(() => undefined);

      await openArea(page, 'machines');
      // At least the lab's: other specs' throwaway guests may come and go meanwhile.
      const atLeast = lab.testHostDomains + lab.guests.length;
      await expect.poll(async () => Number(await page.getByTestId('vm-count').getAttribute('data-total'))).toBeGreaterThanOrEqual(atLeast);
      await shot(`machines-${tag}`);
      await page.getByTestId('vm-filter').fill('nc-guest');
      await shot(`machines-filtered-${tag}`);
      await page.getByTestId('vm-filter').fill('');

      await openArea(page, 'connections');
      await shot(`connections-${tag}`);
      await page.getByTestId('add-connection').click();
      await page.getByTestId('connection-form').getByText('By fields').click();
      await page.getByTestId('connection-host').fill('kvm01.example.org');
      await shot(`add-connection-${tag}`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('connection-form')).toBeHidden();

      await page.getByTestId('connection-connect-stranger').click();
      await expect(page.getByTestId('hostkey-fingerprint')).toBeVisible({ timeout: 30_000 });
      await shot(`host-key-${tag}`);
      await page.getByTestId('hostkey-cancel').click();

      await openArea(page, 'storage');
      await shot(`coming-soon-${tag}`);
      await openArea(page, 'settings');
      await expect(page.getByTestId('monitoring-usage')).toBeVisible();
      await shot(`settings-${tag}`);

      // Monitoring and alerts: no longer "coming soon".
      await openArea(page, 'dashboard');
      await expect(page.getByTestId('coming-soon')).toHaveCount(0);
      await expect
        .poll(async () => Number(await page.getByTestId('dash-machines-total').getAttribute('data-count')))
        .toBeGreaterThanOrEqual(atLeast);
      await shot(`dashboard-${tag}`);
      await openArea(page, 'alerts');
      await expect(page.getByTestId('coming-soon')).toHaveCount(0);
      await shot(`alerts-${tag}`);
      await page.getByTestId('alerts-tab-rules').click();
      await expect(page.getByTestId('rules-table')).toBeVisible();
      await shot(`alert-rules-${tag}`);

      await openArea(page, 'machines');
      await page.getByTestId(`vm-open-${lab.runningGuest}`).click();
      await expect(page.getByTestId('machine-name')).toHaveText(lab.runningGuest);
      await expect(page.getByTestId('chart-cpu')).toBeVisible();
      await shot(`machine-${tag}`);
      await openArea(page, 'connections');
      await page.getByTestId('connection-open-lab-ssh').click();
      await expect(page.getByTestId('host-name')).toHaveText('lab-ssh');
      await shot(`host-${tag}`);
    }
  }
});
