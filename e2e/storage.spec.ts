/**
 * Storage as a person uses it: the pools of the connected host with their
 * usage bar and health line, a dir pool created from the dialog under a
 * unique temp dir (bad names and paths caught in the form), a volume created,
 * grown and shrunk (the shrink only after its checkbox and a confirmation),
 * the new size in the list, the page surviving a reload, which machine uses
 * the lab guest's disk, a delete of an in-use volume held back naming the
 * machine, and the volume and pool deleted with confirmation. Only "e2e-"
 * objects are made (the machine by virsh, as setup) and removed at the end;
 * the lab's pool is only read.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Lab } from './fixtures';
import { virsh } from './support/lab';
import { connectLabSsh, openArea } from './support/ui';

const MiB = 2 ** 20;

/** A copy of the lab's stopped guest whose only disk is `disk`, without NICs: it is never started. */
function machineXml(labXml: string, name: string, disk: string): string {
  return labXml
    .replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`)
    .replace(/\s*<uuid>[^<]*<\/uuid>/, '')
    .replace(/\s*<title>[^<]*<\/title>/, '')
    .replace(/\s*<description>[^<]*<\/description>/, '')
    .replace(/\s*<log [^>]*\/>/g, '')
    .replace(/\s*<interface [\s\S]*?<\/interface>/g, '')
    .replace(/<disk type='file' device='disk'>[\s\S]*?<\/disk>/, (d) => d.replace(/<source file='[^']*'/, `<source file='${disk}'`));
}

const labDir = (lab: Lab) => String((lab as Lab & { labDir?: string }).labDir ?? '/var/lib/novacron-lab');

test.describe('Storage', () => {
  test('a dir pool from the dialog, a volume created, resized and deleted, in-use refusals, then the pool deleted', async ({
    page,
    lab,
    shot,
  }) => {
    test.setTimeout(240_000);
    const tag = randomBytes(3).toString('hex');
    const pool = `e2e-pool-${tag}`;
    const machine = `e2e-stg-${tag}`;
    const root = join(labDir(lab), `tmp-e2e-${tag}`);
    const target = join(root, pool);
    const xmlFile = join(tmpdir(), `${machine}.xml`);
    mkdirSync(root, { recursive: true });
    try {
      await connectLabSsh(page, lab);
      await openArea(page, 'storage');
      await expect(page.getByTestId('storage-page')).toBeVisible();
      const labRow = page.getByTestId(`pool-row-${lab.pool}`);
      await expect(labRow).toBeVisible();
      await expect(labRow).toContainText('lab-ssh');
      await expect(labRow.getByTestId('pool-state')).toHaveText('running');
      await expect(labRow.getByTestId('pool-usage')).toContainText('free');
      await expect(labRow.getByTestId('pool-health')).toHaveAttribute('data-level', /^(green|amber|red)$/);
      await labRow.getByTestId('pool-health').hover();
      await expect(page.getByRole('tooltip')).toContainText('under 5% free');
      await shot('pools');

      // The create dialog: a name with XML/shell characters and a path with '..' are caught before anything is sent.
      await page.getByTestId('pool-create-open').click();
      const form = page.getByTestId('pool-create-form');
      await expect(form).toBeVisible();
      await form.getByTestId('pool-create-name').fill("p'><x/>;$(id)");
      await form.getByTestId('pool-create-target').fill(`${root}/../escape`);
      await form.getByTestId('pool-create-submit').click();
      await expect(form).toContainText('letters, digits and . _ + - only');
      await expect(form).toContainText('must not contain ".." segments');
      await expect(form.getByTestId('pool-create-submit')).toBeDisabled();
      await shot('create-invalid');
      await form.getByTestId('pool-create-name').fill(pool);
      await form.getByTestId('pool-create-target').fill(target);
      await expect(form.getByTestId('pool-create-submit')).toBeEnabled();
      await shot('create-filled');
      await form.getByTestId('pool-create-submit').click();
      await expect(form).toBeHidden();

      // The new pool's own page, at its own address, which a reload keeps.
      await expect(page).toHaveURL(new RegExp(`#/storage/[^/]+/${pool}$`));
      await expect(page.getByTestId('pool-name')).toHaveText(pool);
      await expect(page.getByTestId('pool-page-state')).toHaveText('running');
      await expect(page.getByTestId('volumes-empty')).toBeVisible();
      expect(virsh(lab.system, 'pool-info', pool).out).toMatch(/State:\s+running/);
      const poolUrl = page.url();
      await page.reload();
      await expect(page.getByTestId('pool-name')).toHaveText(pool);

      // A volume: create, grow, then shrink only once confirmed twice.
      await page.getByTestId('volume-create-open').click();
      const vform = page.getByTestId('volume-create-form');
      await vform.getByTestId('volume-create-name').fill('disk.qcow2');
      await vform.getByTestId('volume-create-size').fill('64');
      await vform.getByTestId('volume-create-size-unit').selectOption('MiB');
      await shot('volume-create');
      await vform.getByTestId('volume-create-submit').click();
      await expect(vform).toBeHidden();
      const row = page.getByTestId('volume-row-disk.qcow2');
      await expect(row.getByTestId('volume-capacity')).toHaveText('64 MiB');
      await expect(row.getByTestId('volume-format')).toHaveText('qcow2');

      await row.getByTestId('volume-actions-disk.qcow2').click();
      await page.getByTestId('volume-resize').click();
      const rform = page.getByTestId('volume-resize-form');
      await rform.getByTestId('volume-resize-size').fill('128');
      await rform.getByTestId('volume-resize-submit').click();
      await expect(rform).toBeHidden();
      await expect(row.getByTestId('volume-capacity')).toHaveText('128 MiB');
      expect(virsh(lab.system, 'vol-info', '--bytes', '--pool', pool, 'disk.qcow2').out).toContain(`${128 * MiB} bytes`);

      await row.getByTestId('volume-actions-disk.qcow2').click();
      await page.getByTestId('volume-resize').click();
      await rform.getByTestId('volume-resize-size').fill('32');
      await expect(rform.getByTestId('volume-resize-submit')).toBeDisabled();
      await rform.getByTestId('volume-resize-shrink').check();
      await shot('shrink');
      await rform.getByTestId('volume-resize-submit').click();
      const confirm = page.getByRole('dialog', { name: /Shrink disk\.qcow2/ });
      await expect(confirm).toContainText('96 MiB');
      await confirm.getByTestId('confirm-action').click();
      await expect(rform).toBeHidden();
      await expect(row.getByTestId('volume-capacity')).toHaveText('32 MiB');
      expect(virsh(lab.system, 'vol-info', '--bytes', '--pool', pool, 'disk.qcow2').out).toContain(`${32 * MiB} bytes`);

      // The lab guest's disk shows who uses it (read-only: nothing is changed in the lab pool).
      await page.getByTestId('pool-back').click();
      await page.getByTestId(`pool-row-${lab.pool}`).getByTestId('pool-link').click();
      const guestDisk = page.getByTestId(`volume-row-${lab.runningGuest}.qcow2`);
      await expect(guestDisk.getByTestId('volume-users')).toContainText(lab.runningGuest);
      // Its capacity forecast (days until full, or "not enough history yet" on a fresh console) is on its page.
      const forecast = page.getByTestId('pool-capacity').locator('tr[data-kind="pool"]', { hasText: lab.pool });
      await expect(forecast).toBeVisible({ timeout: 30_000 });
      await expect(forecast.getByTestId('capacity-status')).toHaveText(/Not enough history yet|Not filling|OK|Fills within a (week|month)/);
      await shot('lab-pool');

      // A machine (defined with virsh as setup) uses our volume: its delete is held back, naming the machine.
      const labXml = virsh(lab.system, 'dumpxml', '--inactive', lab.guests.find((g) => g !== lab.runningGuest) ?? lab.guests[0]!).out;
      writeFileSync(xmlFile, machineXml(labXml, machine, join(target, 'disk.qcow2')));
      expect(virsh(lab.system, 'define', xmlFile).ok).toBe(true);
      await page.goto(poolUrl);
      await expect(row.getByTestId('volume-users')).toContainText(machine);
      await row.getByTestId('volume-actions-disk.qcow2').click();
      await page.getByTestId('volume-delete').click();
      const del = page.getByTestId('volume-delete-dialog');
      await expect(del.getByTestId('volume-delete-in-use')).toContainText(`${machine} uses it as vda`);
      await expect(del.getByTestId('volume-delete-confirm')).toBeDisabled();
      await shot('delete-in-use');
      await page.keyboard.press('Escape');
      await expect(del).toBeHidden();
      // The pool's delete says so too, and the backend refuses it, naming the machine.
      await page.getByTestId(`pool-actions-${pool}`).click();
      await page.getByTestId('pool-delete').click();
      const pdel = page.getByTestId('pool-delete-dialog');
      await expect(pdel.getByTestId('pool-delete-in-use')).toContainText(machine);
      await pdel.getByTestId('pool-delete-confirm').click();
      await expect(pdel.getByTestId('pool-delete-error')).toContainText(machine);
      await page.keyboard.press('Escape');
      expect(virsh(lab.system, 'pool-info', pool).out).toMatch(/State:\s+running/);

      // Once the machine is gone: the volume, then the pool with its directory, each confirmed.
      expect(virsh(lab.system, 'undefine', machine).ok).toBe(true);
      await page.reload();
      await expect(row.getByTestId('volume-users')).toHaveCount(0);
      await page.getByTestId('volume-create-open').click();
      await vform.getByTestId('volume-create-name').fill('scratch.img');
      await vform.getByTestId('volume-create-format').getByText('raw').click();
      await vform.getByTestId('volume-create-size').fill('8');
      await vform.getByTestId('volume-create-size-unit').selectOption('MiB');
      await vform.getByTestId('volume-create-submit').click();
      await expect(vform).toBeHidden();
      await expect(page.getByTestId('volume-row-scratch.img').getByTestId('volume-format')).toHaveText('raw');
      await row.getByTestId('volume-actions-disk.qcow2').click();
      await page.getByTestId('volume-delete').click();
      await expect(del).toContainText(join(target, 'disk.qcow2'));
      await del.getByTestId('volume-delete-confirm').click();
      await expect(del).toBeHidden();
      await expect(row).toHaveCount(0);
      expect(virsh(lab.system, 'vol-list', pool).out).not.toContain('disk.qcow2');

      await page.getByTestId(`pool-actions-${pool}`).click();
      await page.getByTestId('pool-delete').click();
      await pdel.getByTestId('pool-delete-volumes').check();
      await expect(pdel.getByTestId('pool-delete-list')).toContainText('scratch.img');
      await shot('delete-pool');
      await pdel.getByTestId('pool-delete-confirm').click();
      await expect(page).toHaveURL(/#\/storage$/);
      await expect(page.getByTestId(`pool-row-${pool}`)).toHaveCount(0);
      await expect(page.getByTestId(`pool-row-${lab.pool}`)).toBeVisible();
      expect(virsh(lab.system, 'pool-info', pool).ok).toBe(false);
    } finally {
      virsh(lab.system, 'undefine', machine);
      virsh(lab.system, 'pool-destroy', pool);
      virsh(lab.system, 'pool-undefine', pool);
      rmSync(root, { recursive: true, force: true });
      rmSync(xmlFile, { force: true });
    }
  });
});
