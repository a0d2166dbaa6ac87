/**
 * Templates as a person uses them: a throwaway copy of the lab's shut-off
 * guest (More → Clone), made into a template from its page (More → Make
 * template…), a linked clone created and booted from the Templates area
 * (its serial console answers; its disk is an overlay on the template
 * volume), the version's deletion refused while the clone uses it, and the
 * template deleted once the clone is gone. Everything is named e2e-tpl-<run>.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { virsh } from './support/lab';
import { openArea } from './support/ui';
import { cloneFromPage, connectThisMachine, openMachine, SYSTEM } from './support/workspace';

const RUN = `e2e-tpl-${Date.now().toString(36)}`;
const SRC = `${RUN}-src`;
const TPL = RUN;
const VM = `${RUN}-vm`;
const POOL = 'novacron-lab';

/** This run's machines and volumes (the template volumes are "tpl-<RUN>-…"), whatever a failure left. */
function removeRunLeftovers(): void {
  for (const n of [VM, SRC]) {
    virsh(SYSTEM, 'destroy', n);
    virsh(SYSTEM, 'undefine', n, '--nvram');
    virsh(SYSTEM, 'undefine', n);
  }
  const vols = virsh(SYSTEM, 'vol-list', POOL)
    .out.split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((v) => v.includes(RUN));
  // Overlays before the template volumes they are backed by.
  for (const v of vols.sort((a, b) => Number(a.startsWith('tpl-')) - Number(b.startsWith('tpl-'))))
    virsh(SYSTEM, 'vol-delete', v, '--pool', POOL);
}

const terminalText = (page: Page) => page.getByTestId('serial-terminal').locator('.xterm-rows');

test.afterAll(() => removeRunLeftovers());

test('make a template from a machine, boot a linked clone, see the refusal, clean up', async ({ page, lab, shot }) => {
  test.setTimeout(420_000);
  const source = lab.guests.find((g) => g !== lab.runningGuest && g !== 'nc-guest-vnc')!;
  await connectThisMachine(page, source);
  await openMachine(page, source);
  await cloneFromPage(page, SRC);

  // From the copy's page: More → Make template…
  await page.getByTestId('machine-more').click();
  await page.getByTestId('machine-action-template').click();
  const form = page.getByTestId('template-form');
  await expect(form.getByTestId('template-form-machine')).toHaveValue(SRC);
  await form.getByTestId('template-form-name').fill('bad;name');
  await expect(form).toContainText('use 1-63 letters');
  await expect(form.getByTestId('template-form-submit')).toBeDisabled();
  await form.getByTestId('template-form-name').fill(TPL);
  await form.getByTestId('template-form-description').fill('made by the e2e test');
  await shot('make-template');
  await form.getByTestId('template-form-submit').click();
  await expect(form).toBeHidden({ timeout: 120_000 });

  await openArea(page, 'templates');
  const row = page.getByTestId(`template-row-${TPL}`);
  await expect(row).toBeVisible();
  const v1 = page.getByTestId(`template-version-${TPL}-1`);
  await expect(v1).toContainText(`${POOL}/tpl-${TPL}-1.qcow2`);
  await expect(v1).toContainText(SRC);

  // Create machine: a linked clone, started; its page opens.
  await row.getByTestId('template-instantiate').click();
  const inst = page.getByTestId('instantiate-form');
  await inst.getByTestId('instantiate-name').fill(VM);
  await expect(inst.getByTestId('instantiate-start')).toBeChecked();
  await shot('create-machine');
  await inst.getByTestId('instantiate-submit').click();
  await expect(page.getByTestId('machine-name')).toHaveText(VM, { timeout: 120_000 });
  await expect(page.getByTestId('machine-state')).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  const tplPath = virsh(SYSTEM, 'vol-path', '--pool', POOL, `tpl-${TPL}-1.qcow2`).out.trim();
  expect(virsh(SYSTEM, 'vol-dumpxml', '--pool', POOL, `${VM}.qcow2`).out).toContain(`<path>${tplPath}</path>`);

  // It boots: its serial console answers.
  await page.getByTestId('open-serial-console').click();
  await expect(page.getByTestId('serial-console')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  await page.getByTestId('serial-terminal').click();
  await expect(async () => {
    await page.keyboard.type('echo TP$((40+2))L');
    await page.keyboard.press('Enter');
    await expect(terminalText(page)).toContainText('TP42L', { timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
  await shot('linked-clone-console');

  // The version is in use: its deletion is refused, naming the clone.
  await openArea(page, 'templates');
  await expect(v1.getByTestId('template-version-users')).toContainText(VM);
  await shot('templates');
  await v1.getByTestId('template-version-delete').click();
  await page.getByTestId('confirm-action').click();
  const refused = page.getByTestId('template-delete-refused');
  await expect(refused).toContainText(VM);
  // The confirmation has gone and the refusal has faded in (Mantine's transitions) before the screenshot.
  await expect(page.getByTestId('confirm-action')).toHaveCount(0);
  await expect(page.getByRole('dialog').filter({ has: refused })).toHaveCSS('opacity', '1');
  await expect(page.locator('.mantine-Modal-overlay')).toHaveCSS('opacity', '1');
  await shot('delete-refused');
  await page.getByTestId('template-delete-refused-close').click();
  expect(virsh(SYSTEM, 'vol-list', POOL).out).toContain(`tpl-${TPL}-1.qcow2`);

  // Once the clone is gone the template goes too, with its volume.
  virsh(SYSTEM, 'destroy', VM);
  virsh(SYSTEM, 'undefine', VM);
  virsh(SYSTEM, 'vol-delete', `${VM}.qcow2`, '--pool', POOL);
  await page.reload();
  await expect(v1.getByTestId('template-version-users')).toHaveCount(0);
  await row.getByTestId('template-delete').click();
  await page.getByTestId('confirm-action').click();
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  expect(virsh(SYSTEM, 'vol-list', POOL).out).not.toContain(`tpl-${TPL}-1.qcow2`);
});
