/**
 * Test fixtures: the lab (once per worker), a fresh headless console per test
 * (its own temporary NOVACRON_DATA_DIR), the page opened on it, and `shot()`
 * for screenshots kept under e2e/artifacts/.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bringLabUp, type Lab } from './support/lab';
import { startConsole, type RunningConsole } from './support/console';

export const ARTIFACTS = join('e2e', 'artifacts');

type TestFixtures = {
  novacron: RunningConsole;
  /** Saves a full-page screenshot as e2e/artifacts/<spec file>/<test>-<name>.png and attaches it to the report. */
  shot: (name: string, page?: Page) => Promise<void>;
};
type WorkerFixtures = { lab: Lab };

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

export const test = base.extend<TestFixtures, WorkerFixtures>({
  lab: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(bringLabUp());
    },
    { scope: 'worker', timeout: 30 * 60_000 },
  ],

  // eslint-disable-next-line no-empty-pattern
  novacron: async ({}, use, testInfo) => {
    const running = await startConsole();
    try {
      await use(running);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('console-stderr.log', { body: running.log(), contentType: 'text/plain' });
      }
      await running.stop();
    }
  },

  page: async ({ page, novacron }, use) => {
    await page.goto(novacron.url);
    await expect(page.getByTestId('product-name')).toBeVisible();
    // The server traded the token for the cookie and redirected: it is not left in the address bar or the history.
    expect(page.url()).not.toContain('token=');
    await use(page);
  },

  shot: async ({ page }, use, testInfo) => {
    const dir = join(ARTIFACTS, basename(testInfo.file, '.spec.ts'));
    mkdirSync(dir, { recursive: true });
    await use(async (name, target = page) => {
      const path = join(dir, `${slug(testInfo.title)}-${slug(name)}.png`);
      // Finished transitions: a modal that is opening is shown open.
      await target.screenshot({ path, animations: 'disabled' });
      await testInfo.attach(name, { path, contentType: 'image/png' });
    });
  },
});

export { expect };
export type { Lab };
