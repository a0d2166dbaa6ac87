/**
 * Migration between hypervisors as a person does it, in the headless console
 * against the multi-host lab (`lab.sh up --hosts 2`): two connections added
 * and connected through the UI, the first host's running guest moved live to
 * the second from its page (Migrate…: the plan, Start, the progress view,
 * "Now running on"), seen in the Machines table on its new host without a
 * reload, then moved back the same way; and a host's maintenance: the badge
 * on its page and in the Connections list, the host offered disabled in the
 * Migrate dialog, the evacuation plan, and maintenance off again. The guest
 * always ends on the first host (virsh brings it home if a test stopped
 * half-way).
 */
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Lab } from './fixtures';
import { virsh, type LabHost } from './support/lab';
import { addConnection, connectionState, openArea } from './support/ui';
import { openMachine } from './support/workspace';

const A = 'e2e-mig-a';
const B = 'e2e-mig-b';

test.describe.configure({ mode: 'serial' });

function labHosts(lab: Lab): [LabHost, LabHost] | null {
  const hosts = lab.hosts;
  return Array.isArray(hosts) && hosts.length >= 2 ? [hosts[0]!, hosts[1]!] : null;
}

/** A screenshot of the dialogs for a look, next to Playwright's own output (--output). */
async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(test.info().project.outputDir, `${name}.png`), animations: 'disabled' });
}

/** The first host's guest runs there again, whatever a failed test left (virsh, both daemons over TCP). */
function bringGuestHome(lab: Lab): void {
  const hosts = labHosts(lab);
  if (!hosts) return;
  const [h1, h2] = hosts;
  const guest = h1.runningGuest;
  // On both hosts at once, a migration is under way (another test's, or one being cancelled): let it end first.
  for (let i = 0; i < 45 && virsh(h1.tcp, 'domstate', guest).ok && virsh(h2.tcp, 'domstate', guest).ok; i++) {
    spawnSync('sleep', ['2']);
  }
  const onSecond = virsh(h2.tcp, 'domstate', guest);
  if (onSecond.ok) {
    // A cancelled or failed job may have left it paused there: a live move wants it running.
    if (/paused/.test(onSecond.out)) virsh(h2.tcp, 'resume', guest);
    if (/running|paused/.test(onSecond.out)) virsh(h2.tcp, 'migrate', '--live', '--persistent', '--undefinesource', guest, h1.tcp);
    else virsh(h2.tcp, 'undefine', guest);
  }
  const home = virsh(h1.tcp, 'domstate', guest);
  if (home.ok && /paused/.test(home.out)) virsh(h1.tcp, 'resume', guest);
  else if (home.ok && !/running/.test(home.out)) virsh(h1.tcp, 'start', guest);
}

/** Both lab hosts as connections, added and connected through the UI (TCP: no host key to trust). */
async function connectHosts(page: Page, h1: LabHost, h2: LabHost): Promise<void> {
  for (const [name, host] of [
    [A, h1],
    [B, h2],
  ] as const) {
    await addConnection(page, { name, uri: host.tcp });
    await page.getByTestId(`connection-connect-${name}`).click();
    await expect(connectionState(page, name)).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });
  }
}

/** Removes this spec's connections through the UI (best effort: the console's data directory goes anyway). */
async function removeConnections(page: Page): Promise<void> {
  try {
    await openArea(page, 'connections');
    for (const name of [A, B]) {
      const row = page.getByTestId(`connection-row-${name}`);
      if ((await row.count()) === 0) continue;
      await page.getByTestId(`connection-remove-${name}`).click();
      await page.getByRole('dialog').getByTestId('confirm-action').click();
      await expect(row).toBeHidden({ timeout: 15_000 });
    }
  } catch {
    // The page may be gone with a failed test.
  }
}

/** Closes the toasts in the bottom-right corner, where they may cover a dialog's buttons (as a person would). */
async function clearToasts(page: Page): Promise<void> {
  const close = page.locator('.mantine-Notifications-root .mantine-Notification-closeButton');
  for (let i = 0; i < 10 && (await close.count()) > 0; i++)
    await close
      .first()
      .click({ timeout: 5_000 })
      .catch(() => undefined);
}

/** On a machine's page: More → Migrate…, the target picked; waits for the plan. */
async function openMigrate(page: Page, target: string) {
  await page.getByTestId('machine-more').click();
  await page.getByTestId('machine-action-migrate').click();
  const dialog = page.getByTestId('migrate-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('migrate-target').click();
  await page.getByRole('option', { name: target, exact: true }).click();
  await expect(dialog.getByTestId('migrate-plan')).toBeVisible({ timeout: 30_000 });
  await clearToasts(page);
  return dialog;
}

/** Starts the migration from the open dialog and waits for "Now running on <target>". */
async function startAndFinish(page: Page, target: string, shots?: string) {
  const dialog = page.getByTestId('migrate-dialog');
  await dialog.getByTestId('migrate-start').click();
  // The dialog turns into the progress view: a phase sentence (and figures once libvirt has them).
  await expect(dialog.getByTestId('migration-progress')).toBeVisible();
  await expect(dialog.getByTestId('migration-phase')).not.toBeEmpty();
  if (shots) await snap(page, `${shots}-progress`);
  await expect(dialog.getByTestId('migrate-done')).toContainText(`Now running on ${target}`, { timeout: 180_000 });
  if (shots) await snap(page, `${shots}-done`);
  return dialog;
}

/** The guest's row in the Machines table names exactly one host; the other host's own guest is listed too. */
async function expectRowOn(page: Page, guest: string, host: string, notHost: string, other?: string) {
  await page.getByTestId('nav-machines').click();
  if (other) await expect(page.getByTestId(`vm-row-${other}`)).toContainText(B);
  const row = page.getByTestId(`vm-row-${guest}`);
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row).toContainText(host);
  await expect(row).not.toContainText(notHost);
  await expect(page.getByTestId(`vm-state-${guest}`)).toHaveAttribute('data-state', 'running');
}

test.beforeEach(({ lab }) => {
  test.skip(labHosts(lab) === null, 'the lab JSON has no "hosts" array with two hosts (bring it up with `lab.sh up --hosts 2`)');
  bringGuestHome(lab);
});

test.afterEach(async ({ lab, page }) => {
  if (!labHosts(lab)) return;
  await removeConnections(page);
  bringGuestHome(lab);
});

test.afterAll(({ lab }) => bringGuestHome(lab));

test('migrate a running guest to the other host and back, from its page', async ({ page, lab }) => {
  test.setTimeout(600_000);
  const [h1, h2] = labHosts(lab)!;
  const guest = h1.runningGuest;
  await connectHosts(page, h1, h2);
  await expectRowOn(page, guest, A, B);

  // Its page → More → Migrate…: only the other connected host is offered; the plan for it.
  await openMachine(page, guest);
  const dialog = await openMigrate(page, B);
  await expect(dialog.getByTestId('migrate-plan')).toHaveAttribute('data-mode', 'live');
  await expect(dialog.getByTestId('migrate-plan-memory')).toContainText(`free on ${B}`);
  await expect(dialog.getByTestId('migrate-blockers')).toHaveCount(0);
  await expect(dialog.getByTestId('migrate-opt-live')).toBeChecked();
  await dialog.getByTestId('migrate-opt-advanced').click();
  await expect(dialog.getByTestId('migrate-opt-tunnelled')).toBeDisabled();
  await snap(page, 'migrate-plan');
  await dialog.getByTestId('migrate-opt-advanced').click();

  await startAndFinish(page, B, 'migrate-to-b');
  // Its page on the new host: same UUID, the target's connection.
  await dialog.getByTestId('migrate-open-target').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('machine-name')).toHaveText(guest);
  await expect(page.getByTestId('machine-host')).toHaveText(B);

  // The Jobs panel has the finished migration, with its figures.
  await page.getByTestId('jobs-button').click();
  const job = page.getByTestId('jobs-list').locator('[data-kind="migrate"][data-state="succeeded"]').first();
  await expect(job).toBeVisible();
  await snap(page, 'jobs-panel');
  await page.keyboard.press('Escape');

  // The table follows the events: one row, on the second host, without a reload.
  await expectRowOn(page, guest, B, A, h2.runningGuest);

  // And back the same way: the lab is left as it was found.
  await openMachine(page, guest);
  await expect(page.getByTestId('machine-host')).toHaveText(B);
  await openMigrate(page, A);
  await startAndFinish(page, A);
  await page.getByTestId('migrate-close').click();
  await expect(page.getByTestId('migrate-dialog')).toBeHidden();
  // The page it was opened from says where the machine went.
  await expect(page.getByTestId('machine-moved')).toContainText(`moved to ${A}`, { timeout: 30_000 });
  await page.getByTestId('machine-moved-open').click();
  await expect(page.getByTestId('machine-host')).toHaveText(A);
  await expectRowOn(page, guest, A, B);
  expect(virsh(h1.tcp, 'domstate', guest).out).toContain('running');
});

test('a host in maintenance: badge, refused as a target, evacuation plan, and back', async ({ page, lab }) => {
  test.setTimeout(300_000);
  const [h1, h2] = labHosts(lab)!;
  const guest = h1.runningGuest;
  await connectHosts(page, h1, h2);

  // The second host's page: Maintenance on.
  await page.getByTestId(`connection-open-${B}`).click();
  await expect(page.getByTestId('host-name')).toHaveText(B);
  await expect(page.getByTestId('host-maintenance-badge')).toHaveCount(0);
  await page.getByTestId('host-maintenance-switch').click();
  await expect(page.getByTestId('host-maintenance-switch')).toBeChecked();
  await expect(page.getByTestId('host-maintenance-badge')).toBeVisible();
  await expect(page.getByTestId('host-maintenance-note')).toBeVisible();
  await snap(page, 'host-maintenance');

  // The Connections list shows it too.
  await openArea(page, 'connections');
  await expect(page.getByTestId(`connection-maintenance-${B}`)).toBeVisible();
  await expect(page.getByTestId(`connection-maintenance-${A}`)).toHaveCount(0);
  await snap(page, 'connections-maintenance');

  // The Migrate dialog offers it disabled, saying why.
  await openMachine(page, guest);
  await page.getByTestId('machine-more').click();
  await page.getByTestId('machine-action-migrate').click();
  const dialog = page.getByTestId('migrate-dialog');
  await dialog.getByTestId('migrate-target').click();
  const option = page.getByRole('option', { name: `${B} — in maintenance` });
  await expect(option).toBeVisible();
  await expect(option).toHaveAttribute('aria-disabled', 'true');
  await snap(page, 'migrate-target-maintenance');
  await option.click({ force: true });
  await expect(dialog.getByTestId('migrate-target')).toHaveValue('');
  await dialog.getByTestId('migrate-target').click();
  await expect(option).toBeHidden();
  await expect(dialog.getByTestId('migrate-start')).toBeDisabled();
  await dialog.getByTestId('migrate-dismiss').click();
  await expect(dialog).toBeHidden();

  // The first host's evacuation plan: nowhere to go while the only other host is in maintenance.
  await page.getByTestId('machine-host').click();
  await expect(page.getByTestId('host-name')).toHaveText(A);
  await page.getByTestId('host-evacuate').click();
  const evacuate = page.getByTestId('evacuate-dialog');
  const item = evacuate.getByTestId(`evacuate-item-${guest}`);
  await expect(item).toContainText('no connected host can take it');
  await expect(evacuate.getByTestId('evacuate-maintenance')).toBeChecked();
  await snap(page, 'evacuate-blocked');
  await evacuate.getByTestId('evacuate-dismiss').click();
  await expect(evacuate).toBeHidden();

  // Maintenance off again: the badge goes, and the evacuation plan picks the second host.
  await openArea(page, 'connections');
  await page.getByTestId(`connection-open-${B}`).click();
  await page.getByTestId('host-maintenance-switch').click();
  await expect(page.getByTestId('host-maintenance-switch')).not.toBeChecked();
  await expect(page.getByTestId('host-maintenance-badge')).toHaveCount(0);
  await openArea(page, 'connections');
  await expect(page.getByTestId(`connection-maintenance-${B}`)).toHaveCount(0);
  await page.getByTestId(`connection-open-${A}`).click();
  await page.getByTestId('host-evacuate').click();
  await expect(evacuate.getByTestId(`evacuate-target-${guest}`)).toHaveValue(B);
  await expect(evacuate.getByTestId(`evacuate-item-${guest}`)).toContainText('the most free memory');
  await snap(page, 'evacuate-plan');
  await evacuate.getByTestId('evacuate-dismiss').click();
  await expect(evacuate).toBeHidden();
});

test('evacuate a host, then bring its guest back with the bulk action', async ({ page, lab }) => {
  test.setTimeout(400_000);
  const [h1, h2] = labHosts(lab)!;
  const guest = h1.runningGuest;
  await connectHosts(page, h1, h2);

  // The first host's page → Evacuate…: its guest goes to the second host; confirmed, the job's steps show it.
  await page.getByTestId(`connection-open-${A}`).click();
  await page.getByTestId('host-evacuate').click();
  const evacuate = page.getByTestId('evacuate-dialog');
  await expect(evacuate.getByTestId(`evacuate-target-${guest}`)).toHaveValue(B);
  await evacuate.getByTestId('evacuate-start').click();
  const confirm = page.getByRole('dialog').filter({ hasText: `Evacuate ${A}?` });
  await expect(confirm).toContainText('goes into maintenance first');
  await confirm.getByTestId('confirm-action').click();
  await expect(evacuate.getByTestId('evacuate-running')).toBeVisible();
  const step = evacuate.getByTestId('migration-step-0');
  await expect(step).toContainText(`${guest} → ${B}`);
  await expect(step).toHaveAttribute('data-state', 'succeeded', { timeout: 180_000 });
  await expect(evacuate.getByTestId('evacuate-outcome')).toContainText('1 of 1 moved');
  await snap(page, 'evacuate-done');
  await evacuate.getByTestId('evacuate-close').click();
  await expect(evacuate).toBeHidden();
  // It was put in maintenance first.
  await expect(page.getByTestId('host-maintenance-badge')).toBeVisible();
  await page.getByTestId('host-maintenance-switch').click();
  await expect(page.getByTestId('host-maintenance-switch')).not.toBeChecked();
  await expect(page.getByTestId('host-maintenance-badge')).toHaveCount(0);
  await expectRowOn(page, guest, B, A, h2.runningGuest);

  // Machines: select it, Migrate… to the first host; one result per machine, like the other bulk actions.
  await page.getByTestId(`vm-select-${guest}`).click();
  await page.getByTestId('bulk-migrate').click();
  const bulk = page.getByTestId('bulk-migrate-dialog');
  await bulk.getByTestId('migrate-target').click();
  await page.getByRole('option', { name: A, exact: true }).click();
  await bulk.getByTestId('bulk-migrate-start').click();
  await expect(bulk.getByTestId(`bulk-result-${guest}`)).toHaveAttribute('data-ok', 'true', { timeout: 180_000 });
  await expect(bulk.getByTestId('bulk-summary')).toHaveText('1 of 1 done.');
  await expect(bulk.getByTestId(`bulk-result-${guest}`)).toContainText(`now on ${A}`);
  await snap(page, 'bulk-migrate-done');
  await bulk.getByTestId('bulk-migrate-close').click();
  await expectRowOn(page, guest, A, B, h2.runningGuest);
});

test('a slow migration: live figures, cancelled with confirmation, then finished by a switch to post-copy', async ({ page, lab }) => {
  test.setTimeout(400_000);
  const [h1, h2] = labHosts(lab)!;
  const guest = h1.runningGuest;
  await connectHosts(page, h1, h2);

  // Capped at 1 MiB/s the guest's memory takes over a minute to copy: time to watch it and to cancel.
  await openMachine(page, guest);
  let dialog = await openMigrate(page, B);
  await dialog.getByTestId('migrate-opt-bandwidth').fill('1');
  await dialog.getByTestId('migrate-start').click();
  await expect(dialog.getByTestId('migration-figure-data')).toContainText(/MiB of \d+(\.\d)? MiB/, { timeout: 30_000 });
  await expect(dialog.getByTestId('migration-figure-memoryBps')).toContainText('MiB/s');
  await expect(dialog.getByTestId('migration-phase')).toContainText('copying memory');
  await snap(page, 'migrate-slow-progress');
  await dialog.getByTestId('migrate-cancel').click();
  const confirm = page.getByRole('dialog').filter({ hasText: `Cancel the migration of ${guest}?` });
  await expect(confirm).toBeVisible();
  await snap(page, 'migrate-cancel-confirm');
  await confirm.getByTestId('confirm-action').click();
  const failed = dialog.getByTestId('migrate-failed');
  await expect(failed).toHaveAttribute('data-state', 'cancelled', { timeout: 60_000 });
  await expect(failed).toContainText(new RegExp(`(still runs|keeps running) on ${A}`));
  await snap(page, 'migrate-cancelled');
  await dialog.getByTestId('migrate-close').click();
  expect(virsh(h1.tcp, 'domstate', guest).out).toContain('running');
  await expect(page.getByTestId('machine-host')).toHaveText(A);

  // Closing the dialog stops nothing: the Jobs panel shows the running migration with its figures, and cancels it.
  dialog = await openMigrate(page, B);
  await dialog.getByTestId('migrate-opt-bandwidth').fill('1');
  await dialog.getByTestId('migrate-start').click();
  await expect(dialog.getByTestId('migration-figure-data')).toBeVisible({ timeout: 30_000 });
  await dialog.getByTestId('migrate-close').click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('jobs-button').click();
  const running = page.getByTestId('jobs-list').locator('[data-kind="migrate"][data-state="running"]');
  await expect(running).toHaveCount(1);
  await expect(running.getByTestId('job-figures')).toContainText('MiB/s');
  await snap(page, 'jobs-panel-running');
  await running.getByTestId('job-cancel').click();
  await expect(page.getByTestId('jobs-list').locator('[data-kind="migrate"][data-state="cancelled"]')).toHaveCount(2, { timeout: 60_000 });
  await page.keyboard.press('Escape');
  expect(virsh(h1.tcp, 'domstate', guest).out).toContain('running');

  // Again with post-copy allowed: switched over, it runs on the target at once and the rest follows.
  dialog = await openMigrate(page, B);
  await dialog.getByTestId('migrate-opt-bandwidth').fill('1');
  await dialog.getByTestId('migrate-opt-postcopy').check();
  await dialog.getByTestId('migrate-start').click();
  await expect(dialog.getByTestId('migration-figure-data')).toBeVisible({ timeout: 30_000 });
  await dialog.getByTestId('migrate-postcopy').click();
  await expect(dialog.getByTestId('migrate-done')).toContainText(`Now running on ${B}`, { timeout: 240_000 });
  await snap(page, 'migrate-postcopy-done');

  // Home again through the UI.
  await dialog.getByTestId('migrate-open-target').click();
  await expect(page.getByTestId('machine-host')).toHaveText(B);
  await openMigrate(page, A);
  await startAndFinish(page, A);
  await page.getByTestId('migrate-close').click();
  await expectRowOn(page, guest, A, B, h2.runningGuest);
});
