/** What a person does in the console, as reusable steps (selectors are the stable data-testids). */
import { expect, type Page } from '@playwright/test';
import type { Lab } from './lab';

export async function openArea(page: Page, area: string): Promise<void> {
  await page.getByTestId(`nav-${area}`).click();
  await expect(page).toHaveURL(new RegExp(`#/${area}$`));
}

export async function addConnection(page: Page, c: { name: string; uri: string; keyFile?: string }): Promise<void> {
  await openArea(page, 'connections');
  await page.getByTestId('add-connection').click();
  const form = page.getByTestId('connection-form');
  await form.getByTestId('connection-name').fill(c.name);
  await form.getByTestId('connection-uri').fill(c.uri);
  if (c.keyFile) await form.getByTestId('connection-keyfile').fill(c.keyFile);
  await form.getByTestId('connection-save').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId(`connection-row-${c.name}`)).toBeVisible();
}

export const connectionState = (page: Page, name: string) => page.getByTestId(`connection-state-${name}`);

/** Adds the lab's SSH host, connects, checks the offered key against the lab's and trusts it. */
export async function connectLabSsh(page: Page, lab: Lab, name = 'lab-ssh'): Promise<void> {
  await addConnection(page, { name, uri: lab.ssh, keyFile: lab.keyfile });
  await page.getByTestId(`connection-connect-${name}`).click();
  await expect(page.getByText('Unknown host key')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('hostkey-fingerprint')).toHaveText(lab.hostKeyFingerprint);
  await page.getByTestId('hostkey-trust').click();
  await expect(connectionState(page, name)).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });
}

export const vmState = (page: Page, name: string) => page.getByTestId(`vm-state-${name}`);

/** Clicks a VM action, confirming it when the console asks. */
export async function vmAction(page: Page, action: string, vm: string, confirm = false): Promise<void> {
  await page.getByTestId(`vm-action-${action}-${vm}`).click();
  if (confirm) {
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(vm);
    await dialog.getByTestId('confirm-action').click();
    await expect(dialog).toBeHidden();
  }
}
