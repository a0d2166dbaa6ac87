/**
 * Smoke test of the desktop shell through Playwright's Electron driver. It
 * needs a real Electron binary, which these machines cannot download: then
 * the test is skipped and says why.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

function electronBinary(): { path?: string; reason?: string } {
  // package.json's "main" is dist/node/main.mjs: Electron is started on the project directory.
  if (!existsSync('dist/node/main.mjs')) return { reason: 'dist/node/main.mjs is missing (run npm run build)' };
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const p = join(override, 'electron');
    return existsSync(p) ? { path: p } : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no electron binary (${p})` };
  }
  const pkg = join('node_modules', 'electron');
  if (!existsSync(pkg)) return { reason: 'the electron package is not installed' };
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt))
    return { reason: 'no Electron binary: node_modules/electron/path.txt is missing (the binary was never downloaded)' };
  const binary = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  if (!existsSync(binary)) return { reason: `no Electron binary at ${binary}` };
  // Resolving the package the way the app does, to catch a broken install.
  createRequire(import.meta.url).resolve('electron');
  return { path: binary };
}

test('the desktop app opens its window with the console', async () => {
  const found = electronBinary();
  test.skip(!found.path, `Electron cannot run here: ${found.reason ?? 'unknown'}`);
  const app = await electron.launch({ executablePath: found.path, args: ['.'] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('product-name')).toHaveText('NovaCron');
    await expect(window.getByTestId('nav-machines')).toBeVisible();
  } finally {
    await app.close();
  }
});
