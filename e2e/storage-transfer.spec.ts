/**
 * Volume upload and download as a person does it, through the Storage area: a local file
 * picked in the lab pool's Upload dialog, its progress (percent and MB/s) while it goes, the
 * new volume in the list, then downloaded back from its row and compared by sha256; and an
 * upload cancelled half-way that leaves no volume. Only "e2e-" volumes are made, and removed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { virsh } from './support/lab';
import { connectLabSsh, openArea } from './support/ui';

const MiB = 2 ** 20;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test.describe('Storage transfer', () => {
  test('upload a file with progress, see the volume, download it back identical; a cancelled upload leaves nothing', async ({
    page,
    lab,
    shot,
  }) => {
    test.setTimeout(240_000);
    const tag = randomBytes(3).toString('hex');
    const name = `e2e-up-${tag}.iso`;
    const cancelled = `e2e-cancel-${tag}.img`;
    const dir = mkdtempSync(join(tmpdir(), 'novacron-e2e-transfer-'));
    // Random bytes with a long zero run in the middle (an ISO's padding, say): that part travels as a hole.
    const data = Buffer.concat([randomBytes(40 * MiB), Buffer.alloc(24 * MiB), randomBytes(16 * MiB + 4321)]);
    const file = join(dir, name);
    writeFileSync(file, data);
    const big = join(dir, cancelled);
    writeFileSync(big, randomBytes(400 * MiB));
    // Not there (the usual case): virsh says so and nothing is removed.
    const cleanup = (v: string) => virsh(lab.system, 'vol-delete', '--pool', lab.pool, v);
    try {
      await connectLabSsh(page, lab);
      await openArea(page, 'storage');
      await page.getByTestId(`pool-row-${lab.pool}`).getByTestId('pool-link').click();
      await page.getByTestId('volume-upload-open').click();
      const modal = page.getByTestId('volume-upload-modal');
      await expect(modal).toBeVisible();

      // A bad name is caught in the form, before anything is sent.
      await modal.locator('input[type=file]').setInputFiles(file);
      await expect(modal.getByTestId('volume-upload-name')).toHaveValue(name);
      await modal.getByTestId('volume-upload-name').fill('../etc/x');
      await expect(modal).toContainText('must not contain "/"');
      await expect(modal.getByTestId('volume-upload-start')).toBeDisabled();
      await modal.getByTestId('volume-upload-name').fill(name);
      await expect(modal.getByTestId('volume-upload-summary')).toContainText('free in');
      await shot('upload-form');
      await modal.getByTestId('volume-upload-start').click();

      const progress = modal.getByTestId('volume-upload-progress');
      await expect(progress).toBeVisible();
      await expect(modal.getByTestId('volume-upload-progress-rate')).toContainText('MB/s');
      await expect(modal.getByTestId('volume-upload-progress-percent')).toContainText('%');
      await shot('upload-progress');
      await expect(modal.getByTestId('volume-upload-done')).toBeVisible({ timeout: 120_000 });
      await expect(modal.getByTestId('volume-upload-done')).toContainText(`${lab.pool}/${name}`);
      await shot('upload-done');
      await modal.getByTestId('volume-upload-close').click();
      await expect(modal).toBeHidden();

      // The upload ran as a job: it is in the activity panel, finished.
      await page.getByTestId('jobs-button').click();
      const job = page.getByTestId('jobs-list').locator('[data-kind="volume-upload"]').filter({ hasText: name });
      await expect(job).toHaveAttribute('data-state', 'succeeded');
      await shot('upload-job');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('jobs-list')).toBeHidden();

      const row = page.getByTestId(`volume-row-${name}`);
      await expect(row).toBeVisible();
      await expect(row.getByTestId('volume-format')).toHaveText('raw');
      await shot('volume-listed');

      const download = page.waitForEvent('download', { timeout: 120_000 });
      await row.getByTestId(`volume-download-${name}`).click();
      await expect(page.getByTestId('volume-download-progress')).toBeVisible();
      await shot('download-progress');
      const d = await download;
      await expect(page.getByTestId('volume-download-modal')).toBeHidden();
      expect(d.suggestedFilename()).toBe(name);
      const saved = await d.path();
      expect(sha256(readFileSync(saved))).toBe(sha256(data));

      // Cancel half-way: the volume made for it is deleted, and the dialog says so.
      await page.getByTestId('volume-upload-open').click();
      await modal.locator('input[type=file]').setInputFiles(big);
      await expect(modal.getByTestId('volume-upload-name')).toHaveValue(cancelled);
      await expect(modal.getByTestId('volume-upload-summary')).toContainText('free in');
      await modal.getByTestId('volume-upload-start').click();
      await expect(progress).toHaveAttribute('data-percent', /^([1-9]|[1-8]\d)$/, { timeout: 60_000 });
      await modal.getByTestId('volume-upload-progress-cancel').click();
      await expect(modal.getByTestId('volume-upload-failed')).toContainText('cancelled', { timeout: 60_000 });
      await shot('upload-cancelled');
      await modal.getByTestId('volume-upload-close').click();
      await expect(page.getByTestId(`volume-row-${cancelled}`)).toHaveCount(0);
      const list = virsh(lab.system, 'vol-list', '--pool', lab.pool);
      expect(list.ok).toBe(true);
      expect(list.out).toContain(name);
      expect(list.out).not.toContain(cancelled);
    } finally {
      cleanup(name);
      cleanup(cancelled);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
