import { expect, test } from './fixtures';
import { connectionState, openArea } from './support/ui';

// The lab runs libvirtd on this machine, so its socket exists: a first run is offered "This machine".
test.describe('First run on a hypervisor', () => {
  test('the empty Machines screen offers this machine; one click adds and connects it', async ({ page, lab, shot }) => {
    await openArea(page, 'machines');
    const offer = page.getByTestId('add-local-host');
    await expect(offer).toBeVisible();
    await expect(page.getByTestId('local-host-hint')).toHaveText('libvirt is running here: qemu:///system');
    await shot('offer');

    // Nothing was added without the click.
    await openArea(page, 'connections');
    await expect(page.getByText('No connections yet')).toBeVisible();
    await expect(page.getByTestId('add-local-host')).toBeVisible();

    await openArea(page, 'machines');
    await offer.click();
    for (const guest of lab.guests) await expect(page.getByTestId(`vm-row-${guest}`)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId(`vm-row-${lab.runningGuest}`)).toContainText('This machine');
    await expect(page.getByTestId('add-local-host')).toHaveCount(0);
    await shot('connected');

    await openArea(page, 'connections');
    await expect(connectionState(page, 'This machine')).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('connection-row-This machine')).toContainText('qemu:///system');
  });
});
