/**
 * The create-machine wizard as a person uses it, on "This machine" (the
 * lab's qemu:///system): a taken name refused on the first step, then a
 * machine from the lab's bootable image as a cloud image (a qcow2 overlay
 * plus a cloud-init seed the tiny guest ignores), started on creation. Its
 * page opens by itself, and its serial console answers a typed command:
 * the machine booted from its own disk. Removed again with its volumes.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type Lab } from './fixtures';
import { virsh } from './support/lab';
import { connectThisMachine, removeE2eLeftovers, SYSTEM } from './support/workspace';

const PREFIX = 'e2e-create-';

test.beforeAll(() => removeE2eLeftovers([PREFIX]));
test.afterAll(() => removeE2eLeftovers([PREFIX]));

test('a machine created in the wizard boots from its disk and its serial console answers', async ({ page, lab, shot }) => {
  test.setTimeout(300_000);
  const run = randomBytes(3).toString('hex');
  const name = `${PREFIX}${run}`;
  const extra = lab as Lab & { bootableVolume?: string; hostKey?: string };
  const image = extra.bootableVolume ?? 'nc-bootable.qcow2';
  await connectThisMachine(page, lab.runningGuest);

  await expect(page.getByTestId('new-machine')).toBeVisible();
  await shot('machines-header');
  await page.getByTestId('new-machine').click();
  const wizard = page.getByTestId('create-wizard');
  await expect(wizard).toBeVisible();
  await expect(wizard.getByTestId('create-host')).toHaveValue(/This machine|qemu/);

  // A taken name is refused on the first step, before anything is asked of the host.
  await wizard.getByTestId('create-name').fill(lab.runningGuest);
  await wizard.getByTestId('create-next').click();
  await expect(wizard.getByTestId('create-step-name')).toContainText(`A machine named "${lab.runningGuest}" already exists`);
  await shot('name-taken');
  await wizard.getByTestId('create-name').fill(name);
  await wizard.getByTestId('create-next').click();

  // Resources: the accelerator the lab's guests really boot with.
  await expect(wizard.getByTestId('create-step-resources')).toBeVisible();
  await wizard.getByTestId('create-vcpus').fill('1');
  await wizard.getByTestId('create-memory').fill('128');
  await wizard
    .getByTestId('create-virt-type')
    .getByText(lab.accel === 'kvm' ? 'KVM' : 'TCG (emulation)')
    .click();
  await expect(wizard.getByTestId('create-step-resources')).toContainText('Machine type pc-');
  await shot('resources');
  await wizard.getByTestId('create-next').click();

  // Disk: the lab's bootable image as a cloud image, with a cloud-init seed.
  await wizard.getByTestId('create-disk-kind').getByText('Cloud image').click();
  await wizard.getByTestId('create-pool').click();
  await page.getByRole('option', { name: new RegExp(`^${lab.pool} \\(`) }).click();
  await wizard.getByTestId('create-next').click();
  await expect(wizard.getByTestId('create-step-disk')).toContainText('Pick one'); // no image chosen yet
  await wizard.getByTestId('create-image').click();
  await page.getByRole('option', { name: new RegExp(`^${image.replace('.', '\\.')} \\(qcow2`) }).click();
  await wizard.getByTestId('create-ci-user').fill('ops');
  await wizard.getByTestId('create-ci-hostname').fill(`host-${run}`);
  await wizard.getByTestId('create-ci-key').fill(String(extra.hostKey));
  await shot('disk-cloud-image');
  await wizard.getByTestId('create-next').click();

  // Network and start.
  await wizard.getByTestId('create-network').click();
  await page.getByRole('option', { name: lab.network, exact: true }).click();
  await expect(wizard.getByTestId('create-start')).toBeChecked();
  await wizard.getByTestId('create-next').click();

  const review = wizard.getByTestId('create-review');
  await expect(review).toContainText(name);
  await expect(review).toContainText(`qcow2 overlay on ${lab.pool}/${image}`);
  await expect(review).toContainText(`ops@host-${run}`);
  await shot('review');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('review-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await wizard.getByTestId('create-submit').click();

  // The job's phases, then the machine's own page.
  await expect(page.getByTestId('create-progress')).toBeVisible();
  await expect(page.getByTestId('machine-name')).toHaveText(name, { timeout: 120_000 });
  await expect(page.getByTestId('machine-state')).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await expect(page.getByTestId('disk-row-vda')).toContainText(`${name}.qcow2`);
  expect(virsh(SYSTEM, 'vol-list', lab.pool).out).toContain(`${name}-cidata.iso`);
  await shot('machine-page');

  // It booted from its disk: its serial console answers.
  await page.getByTestId('open-serial-console').click();
  await expect(page.getByTestId('serial-console')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  const terminal = page.getByTestId('serial-terminal');
  await terminal.click();
  const screen = terminal.locator('.xterm-rows');
  // The guest may still be booting: type again until the shell has answered.
  await expect(async () => {
    await terminal.click();
    await page.keyboard.type(`echo WI$((40+2))ZARD${run}`);
    await page.keyboard.press('Enter');
    await expect(screen).toContainText(`WI42ZARD${run}`, { timeout: 5_000 });
  }).toPass({ timeout: 150_000 });
  await expect(screen).toContainText('nc-bootable#');
  await shot('serial-console');
});
