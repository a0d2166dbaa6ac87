import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { virsh } from './support/lab';
import { addConnection, connectionState, connectLabSsh, openArea, vmAction, vmState } from './support/ui';

const GUEST = 'nc-guest-2';

test.describe('Machines', () => {
  test('start and shut down a guest, the badge follows without a reload', async ({ page, lab, shot }) => {
    test.setTimeout(300_000);
    try {
      // The guest's serial console, as the lab logs it (truncated at each start).
      const logDir = lab.logDir;
      expect(typeof logDir, 'the lab JSON names its logDir').toBe('string');
      const guestConsole = () => {
        try {
          return readFileSync(join(logDir, `${GUEST}.console.log`), 'utf8');
        } catch {
          return '';
        }
      };
      await connectLabSsh(page, lab);
      await openArea(page, 'machines');
      const state = vmState(page, GUEST);
      await expect(state).toBeVisible();

      // A previous run may have left it running: bring it to "shut off" first, through the UI.
      if ((await state.getAttribute('data-state')) !== 'shutoff') {
        await vmAction(page, 'destroy', GUEST, true);
        await expect(state).toHaveAttribute('data-state', 'shutoff', { timeout: 30_000 });
      }

      // A marker on the window proves later changes arrive without a reload.
      await page.evaluate(() => Object.assign(globalThis, { __novacronMarker: 'still-here' }));

      await vmAction(page, 'start', GUEST);
      await expect(state).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
      await expect(state).toHaveText('running');
      await shot('running');

      // The guest honours ACPI only once its kernel has loaded the power button driver and
      // started acpid (before that a real OS ignores the button too): wait for its ready line.
      await expect
        .poll(() => guestConsole().includes(`NOVACRON-GUEST-READY ${GUEST}`), { timeout: 120_000, message: 'the guest boots' })
        .toBe(true);

      await page.getByTestId(`vm-action-shutdown-${GUEST}`).click();
      const confirm = page.getByRole('dialog');
      await expect(confirm).toContainText(`Shut down ${GUEST}?`);
      await expect(confirm).toContainText('lab-ssh');
      await shot('confirm-shutdown');
      await confirm.getByTestId('confirm-action').click();
      await expect(confirm).toBeHidden();
      // A clean ACPI shutdown, no force: the guest powers itself off and the badge follows.
      await expect(state).toHaveAttribute('data-state', 'shutoff', { timeout: 30_000 });
      // ... through its ACPI handler (virtlogd may write the last console bytes a moment later)
      await expect.poll(guestConsole, { timeout: 5_000 }).toContain(`NOVACRON-GUEST-POWEROFF ${GUEST}`);
      await expect(state).toHaveText('shut off');
      expect(await page.evaluate(() => (globalThis as { __novacronMarker?: string }).__novacronMarker)).toBe('still-here');
      await shot('shut-off');
    } finally {
      // Whatever happened, leave the guest shut off for the next test.
      virsh(lab.system, 'destroy', GUEST);
    }
  });

  test('a thousand domains stay fast: counted, virtualized, scrollable to the end', async ({ page, lab, shot }) => {
    await addConnection(page, { name: 'sim', uri: lab.testHost });
    await page.getByTestId('connection-connect-sim').click();
    await expect(connectionState(page, 'sim')).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });

    await openArea(page, 'machines');
    const count = page.getByTestId('vm-count');
    await expect(count).toHaveAttribute('data-total', String(lab.testHostDomains));
    await expect(count).toHaveText(`${lab.testHostDomains.toLocaleString('en-US')} machines`);
    await shot('top');

    const rows = page.locator('[data-testid^="vm-row-"]');
    expect(await rows.count()).toBeLessThan(100);

    const last = `sim-${String(lab.testHostDomains).padStart(4, '0')}`;
    await expect(page.getByTestId(`vm-row-${last}`)).toHaveCount(0);
    await page.getByTestId('vm-table-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(page.getByTestId(`vm-row-${last}`)).toBeVisible();
    expect(await rows.count()).toBeLessThan(100);
    await shot('bottom');

    // Keyboard: the rows are one tab stop; arrows, Home and End move the focus.
    await page.getByTestId('vm-table-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
    await page.getByTestId('vm-row-sim-0001').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('vm-row-sim-0002')).toBeFocused();
    await page.keyboard.press('End');
    await expect(page.getByTestId(`vm-row-${last}`)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('vm-row-sim-0999')).toBeFocused();
    // → moves into the row's actions (Enter opens the machine's page; Space selects), Escape comes back.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('vm-actions-sim-0999').locator('button').first()).toBeFocused();
    await shot('keyboard-focus');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('vm-row-sim-0999')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('machine-name')).toHaveText('sim-0999');
    await page.goBack();

    // The filter narrows the list; the count says so.
    await page.getByTestId('vm-filter').fill('sim-099');
    await expect(count).toHaveAttribute('data-count', '10');
    await expect(page.getByTestId('vm-row-sim-0990')).toBeVisible();
  });
});
