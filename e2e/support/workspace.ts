/** Steps on a machine's page and cleanup of what the workspace tests create (named e2e-…). */
import { expect, type Page } from '@playwright/test';
import { virsh } from './lab';

export const SYSTEM = 'qemu:///system';

/** Connects "This machine" from the first-run offer on the Machines page. */
export async function connectThisMachine(page: Page, waitFor: string): Promise<void> {
  await page.getByTestId('nav-machines').click();
  await page.getByTestId('add-local-host').click();
  await expect(page.getByTestId(`vm-row-${waitFor}`)).toBeVisible({ timeout: 60_000 });
}

/** Opens a machine's page by clicking its name in the table. */
export async function openMachine(page: Page, name: string): Promise<void> {
  await page.getByTestId('nav-machines').click();
  await page.getByTestId(`vm-open-${name}`).click();
  await expect(page.getByTestId('machine-name')).toHaveText(name);
  await expect(page.getByTestId('overview-state')).toBeVisible();
}

/** On a machine's page: More → Clone…, named; the clone's page opens when the job is done. */
export async function cloneFromPage(page: Page, newName: string): Promise<void> {
  await page.getByTestId('machine-more').click();
  await page.getByTestId('machine-action-clone').click();
  const dialog = page.getByTestId('clone-dialog');
  await dialog.getByTestId('clone-name').fill(newName);
  await dialog.getByTestId('clone-start').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('machine-name')).toHaveText(newName, { timeout: 180_000 });
}

/**
 * Every domain these specs create (e2e-ws-…, e2e-audit-…; with snapshots, NVRAM and storage) and
 * stray volumes of theirs in the lab pool, removed with virsh. Other sessions' test domains
 * (apitest-…, other e2e specs) are left alone: their tests may be running right now.
 */
export function removeE2eLeftovers(prefixes = ['e2e-ws-', 'e2e-audit-'], pool = 'novacron-lab'): void {
  const names = virsh(SYSTEM, 'list', '--all', '--name')
    .out.split('\n')
    .map((s) => s.trim())
    .filter((n) => prefixes.some((p) => n.startsWith(p)));
  for (const n of names) {
    virsh(SYSTEM, 'destroy', n);
    for (const snap of virsh(SYSTEM, 'snapshot-list', n, '--name')
      .out.split('\n')
      .map((s) => s.trim())
      .filter(Boolean)) {
      virsh(SYSTEM, 'snapshot-delete', n, snap, '--metadata');
    }
    virsh(SYSTEM, 'undefine', n, '--remove-all-storage', '--snapshots-metadata', '--managed-save', '--nvram');
  }
  const vols = virsh(SYSTEM, 'vol-list', pool)
    .out.split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((v) => prefixes.some((p) => v.startsWith(p)));
  for (const v of vols) virsh(SYSTEM, 'vol-delete', v, '--pool', pool);
}

export const volumesOf = (pool = 'novacron-lab') => virsh(SYSTEM, 'vol-list', pool).out;
