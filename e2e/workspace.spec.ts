/**
 * The VM workspace as a person uses it, in the headless console against the
 * lab's qemu:///system: a machine's page from the table (click and Enter), a
 * throwaway clone of the shut-off nc-guest-2 (the lab's guests are never
 * changed), a snapshot, an expert XML edit, the revert that undoes it on
 * screen, a clone of the clone booted, tags and the table's tag filter, bulk
 * start / force off with per-machine results, delete with storage (the
 * volume gone), the jobs panel and the audit log with its CSV export.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { expect, test } from './fixtures';
import { cloneFromPage, connectThisMachine, openMachine, removeE2eLeftovers, volumesOf } from './support/workspace';

const SOURCE = 'nc-guest-2';
const A = 'e2e-ws-a';
const B = 'e2e-ws-b';
const TAG = 'e2e-ws';

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => removeE2eLeftovers());
test.afterAll(() => removeE2eLeftovers());

test('the machine workspace: clone, snapshot, edit, revert, boot, bulk, delete, audit', async ({ page, shot }) => {
  test.setTimeout(900_000);
  await connectThisMachine(page, SOURCE);
  await expect(page.getByTestId(`vm-state-${SOURCE}`)).toHaveAttribute('data-state', 'shutoff');

  // The page of a machine, by Enter on its row: the overview from vms.details.
  await page.getByTestId('vm-row-nc-guest-1').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('machine-name')).toHaveText('nc-guest-1');
  await expect(page.getByTestId('overview-state')).toContainText('running');
  await expect(page.getByTestId('overview-uptime')).not.toHaveText('—');
  await expect(page.getByTestId('disk-row-vda')).toContainText('nc-guest-1.qcow2');
  await expect(page.getByTestId('machine-xml')).toContainText('<name>nc-guest-1</name>');
  await shot('running-guest-page');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('running-guest-page-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // By a click on the name: nc-guest-2, shut off; clone it (a job) and its page opens when done.
  await openMachine(page, SOURCE);
  await expect(page.getByTestId('overview-firmware')).toHaveText(/BIOS|UEFI/);
  await cloneFromPage(page, A);
  await expect(page.getByTestId('disk-row-vda')).toContainText(A);
  await expect(page.getByTestId('overview-state')).toContainText('shut off');

  // The jobs panel shows the finished clone (closing it cancels nothing).
  await page.getByTestId('jobs-button').click();
  await expect(page.getByTestId('jobs-list').locator('[data-kind="clone"][data-state="succeeded"]').first()).toBeVisible();
  await shot('jobs-panel');
  await page.keyboard.press('Escape');

  // Snapshot the clone (shut off: no memory).
  await page.getByTestId('snapshot-new').click();
  const snapForm = page.getByTestId('snapshot-form');
  await snapForm.getByTestId('snapshot-name').fill('before-edit');
  await snapForm.getByTestId('snapshot-description').fill('taken by the workspace test');
  await expect(snapForm.getByTestId('snapshot-memory')).not.toBeChecked();
  await snapForm.getByTestId('snapshot-create').click();
  await expect(snapForm).toBeHidden({ timeout: 60_000 });
  const snap = page.getByTestId('snapshot-before-edit');
  await expect(snap).toHaveAttribute('data-current', 'true');

  // Change its description through the expert XML edit: a diff first, then libvirt defines it.
  await page.getByTestId('xml-edit').click();
  const editor = page.getByTestId('xml-editor');
  await expect(editor).toHaveValue(new RegExp(`<name>${A}</name>`));
  const xml = await editor.inputValue();
  const edited = /<description>[^<]*<\/description>/.test(xml)
    ? xml.replace(/<description>[^<]*<\/description>/, '<description>changed by e2e</description>')
    : xml.replace(`<name>${A}</name>`, `<name>${A}</name>\n  <description>changed by e2e</description>`);
  await editor.fill(edited);
  await page.getByTestId('xml-review').click();
  await expect(page.getByTestId('xml-diff').locator('[data-kind="add"]')).toContainText('changed by e2e');
  await shot('xml-diff');
  await page.getByTestId('xml-define').click();
  await expect(page.getByTestId('overview-description')).toHaveText('changed by e2e', { timeout: 30_000 });

  // An invalid edit: libvirt's own refusal is shown.
  await page.getByTestId('xml-edit').click();
  await expect(editor).toHaveValue(/changed by e2e/);
  await editor.fill((await editor.inputValue()).replace(/<memory([^>]*)>\d+<\/memory>/, '<memory$1>lots</memory>'));
  await page.getByTestId('xml-review').click();
  await page.getByTestId('xml-define').click();
  await expect(page.getByTestId('xml-error')).toBeVisible({ timeout: 30_000 });
  await shot('xml-refused');
  await page.getByTestId('xml-back').click();
  await page.getByTestId('xml-cancel').click();

  // Revert: the description is gone again, on screen.
  await page.getByTestId('snapshot-revert-before-edit').click();
  await page.getByRole('dialog').getByTestId('confirm-action').click();
  await expect(page.getByTestId('overview-description')).not.toHaveText('changed by e2e', { timeout: 30_000 });
  await expect(page.getByTestId('machine-xml')).not.toContainText('changed by e2e');
  await shot('after-revert');

  // A clone carries no console log file (it would share its source's), so clones boot side by side.
  await expect(page.getByTestId('machine-xml')).not.toContainText('.console.log');
  await cloneFromPage(page, B);
  await expect(page.getByTestId('machine-xml')).not.toContainText('.console.log');
  await page.getByTestId('machine-action-start').click();
  await expect(page.getByTestId('machine-state')).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await expect(page.getByTestId('overview-state')).toContainText('running');

  // Tags on both clones; the table's tag filter finds them.
  for (const name of [B, A]) {
    if (name === A) await openMachine(page, A);
    await page.getByTestId('tag-input').fill(TAG);
    await page.getByTestId('tag-input').press('Enter');
    await expect(page.getByTestId(`tag-${TAG}`)).toBeVisible();
  }
  await page.getByTestId('tag-input').fill('no/slash');
  await page.getByTestId('tag-input').press('Enter');
  await expect(page.getByText('a tag must not contain "/"')).toBeVisible();
  await shot('clone-page');

  await page.getByTestId('nav-machines').click();
  await page.getByTestId('vm-filter-tag').click();
  await page.getByRole('option', { name: TAG }).click();
  await expect(page.getByTestId('vm-count')).toHaveAttribute('data-count', '2');

  // Bulk: select both (select all filtered), start, then force off; a result per machine.
  await page.getByTestId('vm-select-all').click();
  await expect(page.getByTestId('bulk-count')).toHaveAttribute('data-count', '2');
  await page.getByTestId('bulk-start').click();
  await page.getByTestId('bulk-run').click();
  const results = page.getByTestId('bulk-result-dialog');
  await expect(results.getByTestId(`bulk-result-${A}`)).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  // B was running already: libvirt's refusal for it, and A started anyway.
  await expect(results.getByTestId(`bulk-result-${B}`)).toBeVisible();
  await shot('bulk-start-results');
  await results.getByTestId('bulk-result-close').click();
  await expect(page.getByTestId(`vm-state-${A}`)).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await page.getByTestId('bulk-destroy').click();
  await page.getByTestId('bulk-run').click();
  await expect(results.getByTestId(`bulk-result-${A}`)).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  await expect(results.getByTestId(`bulk-result-${B}`)).toHaveAttribute('data-ok', 'true');
  await results.getByTestId('bulk-result-close').click();
  await expect(page.getByTestId(`vm-state-${A}`)).toHaveAttribute('data-state', 'shutoff');
  await expect(page.getByTestId(`vm-state-${B}`)).toHaveAttribute('data-state', 'shutoff');
  await shot('bulk-selected');
  await page.getByTestId('bulk-clear').click();

  // Delete each clone with its storage from its page: the plan lists its volume; afterwards it is gone.
  for (const name of [B, A]) {
    await page.getByTestId(`vm-open-${name}`).click();
    await expect(page.getByTestId('machine-name')).toHaveText(name);
    await page.getByTestId('machine-more').click();
    await page.getByTestId('machine-action-delete').click();
    const dialog = page.getByTestId('delete-dialog');
    await expect(dialog.getByTestId('delete-plan')).toBeVisible();
    await dialog.getByTestId('delete-with-storage').check();
    await expect(dialog.getByTestId(`delete-volume-${name}.qcow2`)).toHaveAttribute('data-deleted', 'true');
    if (name === B) await shot('delete-plan');
    await dialog.getByTestId('delete-confirm').click();
    await expect(page).toHaveURL(/#\/machines$/);
    await expect(page.getByTestId(`vm-row-${name}`)).toHaveCount(0, { timeout: 30_000 });
    expect(volumesOf()).not.toContain(`${name}.qcow2`);
  }
  // The lab's guests are as they were.
  expect(volumesOf()).toContain('nc-guest-2.qcow2');

  // The audit log shows these actions with this OS user, and exports CSV.
  await page.getByTestId('nav-audit').click();
  const table = page.getByTestId('audit-table');
  await expect(table.locator('[data-testid="audit-row"][data-action="vms.clone"]').first()).toBeVisible();
  await expect(table.locator('[data-testid="audit-row"][data-action="snapshots.revert"]')).toHaveCount(1);
  await expect(table.locator('[data-testid="audit-row"][data-action="vms.delete"]')).toHaveCount(2);
  await expect(table.getByTestId('audit-user').first()).toHaveText(userInfo().username);
  await page.getByTestId('audit-search').fill(A);
  await expect(table.locator('[data-testid="audit-row"]').first()).toContainText(A);
  await shot('audit');
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^novacron-audit-.*\.csv$/);
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv).toContain('vms.clone');
  expect(csv).toContain(userInfo().username);
});
