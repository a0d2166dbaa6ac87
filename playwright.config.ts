// End-to-end tests against the headless console (see e2e/fixtures.ts), in
// Debian's Chromium: Playwright's own browser download is not available here.
import { defineConfig } from '@playwright/test';

const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  // The specs share one lab (one libvirtd, one set of guests): one at a time.
  workers: 1,
  fullyParallel: false,
  // One retry: a test that fails and then passes is reported as flaky by npm test (listed, not hidden).
  retries: 1,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
    // scripts/test.mjs reads the summary from here (PLAYWRIGHT_JSON_OUTPUT_NAME).
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/playwright.json' }],
  ],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.NOVACRON_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
