/**
 * Changing a machine as a person does it on its page, on a throwaway clone of
 * the lab's shut-off nc-guest-2: vCPUs and memory for the next boot,
 * autostart, a new disk in the lab pool (then removed with its volume), an
 * ISO as CD-ROM whose medium is changed and ejected, a NIC added and removed;
 * then the clone boots and its serial console answers a typed command.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { virsh } from './support/lab';
import { SYSTEM, cloneFromPage, connectThisMachine, openMachine, removeE2eLeftovers, volumesOf } from './support/workspace';

const PREFIX = 'e2e-cfg-';
const NAME = `${PREFIX}a`;
const POOL = 'novacron-lab';
const MEDIA = [`${PREFIX}media-1.iso`, `${PREFIX}media-2.iso`];

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => removeE2eLeftovers([PREFIX]));
test.afterAll(() => removeE2eLeftovers([PREFIX]));

const terminalText = (page: Page) => page.getByTestId('serial-terminal').locator('.xterm-rows');

/** Two small raw volumes standing in for ISO images (QEMU reads any file as a CD-ROM medium). */
function makeMedia(): string[] {
  return MEDIA.map((name) => {
    const made = virsh(SYSTEM, 'vol-create-as', POOL, name, '1M', '--format', 'raw');
    if (!made.ok) throw new Error(`vol-create-as ${name}: ${made.out}`);
    return virsh(SYSTEM, 'vol-path', name, '--pool', POOL).out.trim();
  });
}

test('change a machine: resources, autostart, disks, CD-ROM media, NICs; then it boots and answers', async ({ page, shot }) => {
  test.setTimeout(600_000);
  const [iso1, iso2] = makeMedia();
  await connectThisMachine(page, 'nc-guest-2');
  await openMachine(page, 'nc-guest-2');
  await cloneFromPage(page, NAME);
  await expect(page.getByTestId('overview-state')).toContainText('shut off');

  // Memory of a shut-off machine (the lab guest has 96 MiB): saved for the next boot, and said so.
  await page.getByTestId('resources-edit').click();
  const form = page.getByTestId('resources-form');
  await form.getByTestId('resources-memory').fill('80');
  await form.getByTestId('resources-save').click();
  await expect(form.getByTestId('resources-result-memory')).toHaveAttribute('data-applied', 'config');
  await shot('resources-saved');
  await form.getByTestId('resources-close').click();
  await expect(page.getByTestId('machine-memory')).toContainText('80');
  expect(virsh(SYSTEM, 'dominfo', NAME).out).toMatch(/Used memory:\s+81920 KiB/);

  // Autostart on, seen by libvirt, and off again.
  const autostart = page.getByTestId('overview-autostart');
  await autostart.click();
  await expect(autostart).toBeChecked();
  await expect.poll(() => virsh(SYSTEM, 'dominfo', NAME).out).toMatch(/Autostart:\s+enable/);
  await autostart.click();
  await expect(autostart).not.toBeChecked();
  await expect.poll(() => virsh(SYSTEM, 'dominfo', NAME).out).toMatch(/Autostart:\s+disable/);

  // A new 16 MiB qcow2 volume as vdb.
  await page.getByTestId('disk-add').click();
  const diskForm = page.getByTestId('disk-add-form');
  await diskForm.getByTestId('disk-add-pool').click();
  await page.getByRole('option', { name: new RegExp(`^${POOL} `) }).click();
  await diskForm.getByTestId('disk-add-size').fill('0.016');
  await diskForm.getByTestId('disk-add-name').fill(`${PREFIX}data.qcow2`);
  await shot('add-disk');
  await diskForm.getByTestId('disk-add-save').click();
  await expect(diskForm).toBeHidden();
  await expect(page.getByTestId('disk-row-vdb')).toContainText(`${PREFIX}data.qcow2`);
  expect(volumesOf()).toContain(`${PREFIX}data.qcow2`);

  // An ISO as CD-ROM; its medium changed, then ejected.
  await page.getByTestId('disk-add').click();
  await diskForm.getByTestId('disk-add-kind').getByText('ISO as CD-ROM').click();
  await diskForm.getByTestId('disk-add-iso').fill(iso1!);
  await diskForm.getByTestId('disk-add-save').click();
  await expect(diskForm).toBeHidden();
  const cdrom = page.locator('[data-testid^="disk-row-"]').filter({ hasText: MEDIA[0]! });
  await expect(cdrom).toHaveCount(1);
  const cdTarget = (await cdrom.getAttribute('data-testid'))!.replace('disk-row-', '');
  await page.getByTestId(`disk-menu-${cdTarget}`).click();
  await page.getByTestId('disk-change-media').click();
  await page.getByTestId('media-path').fill(iso2!);
  await page.getByTestId('confirm-action').click();
  await expect(page.getByTestId(`disk-row-${cdTarget}`)).toContainText(MEDIA[1]!);
  await shot('media-changed');
  await page.getByTestId(`disk-menu-${cdTarget}`).click();
  await page.getByTestId('disk-eject').click();
  await expect(page.getByTestId(`disk-row-${cdTarget}`)).not.toContainText(MEDIA[1]!);
  expect(virsh(SYSTEM, 'domblklist', NAME).out).not.toContain(MEDIA[1]!);

  // Remove vdb with its volume: the row and the volume are gone.
  await page.getByTestId('disk-menu-vdb').click();
  await page.getByTestId('disk-remove').click();
  await page.getByTestId('disk-remove-delete-volume').check();
  await page.getByTestId('confirm-action').click();
  await expect(page.getByTestId('disk-row-vdb')).toHaveCount(0);
  await expect.poll(() => volumesOf()).not.toContain(`${PREFIX}data.qcow2`);

  // A second NIC on the lab's isolated network, then removed.
  const nics = page.locator('[data-testid^="nic-row-"]');
  const before = await nics.count();
  await page.getByTestId('nic-add').click();
  const nicForm = page.getByTestId('nic-add-form');
  await nicForm.getByTestId('nic-add-network').click();
  await page.getByRole('option', { name: 'novacron-isolated' }).click();
  await nicForm.getByTestId('nic-add-save').click();
  await expect(nicForm).toBeHidden();
  await expect(nics).toHaveCount(before + 1);
  await shot('nic-added');
  const added = (await nics.last().getAttribute('data-testid'))!.replace('nic-row-', '');
  await page.getByTestId(`nic-remove-${added}`).click();
  await page.getByTestId('confirm-action').click();
  await expect(nics).toHaveCount(before);
  expect(virsh(SYSTEM, 'domiflist', NAME).out).not.toContain(added);

  // It boots with what was changed, and its serial console answers.
  await page.getByTestId('machine-action-start').click();
  await expect(page.getByTestId('machine-state')).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await page.getByTestId('open-serial-console').click();
  await expect(page.getByTestId('serial-console')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  const run = String(Date.now() % 1_000_000);
  // The shell may still be starting: Enter until its prompt shows, then one command and its answer.
  const terminal = terminalText(page);
  await page.getByTestId('serial-terminal').click();
  await expect
    .poll(
      async () => {
        await page.keyboard.press('Enter');
        return /[#$] *$/m.test(await terminal.innerText());
      },
      { timeout: 120_000, intervals: [2000] },
    )
    .toBe(true);
  await page.keyboard.type(`echo CF$((20+3))G${run}`);
  await page.keyboard.press('Enter');
  await expect(terminal).toContainText(`CF23G${run}`, { timeout: 30_000 });
  await shot('booted-clone-console');
});
