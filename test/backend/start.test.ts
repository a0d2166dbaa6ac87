/**
 * `npm start` without an Electron binary falls back to the headless console
 * with one clear line. ELECTRON_OVERRIDE_DIST_PATH points the electron package
 * at an empty folder, so no download is attempted. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from './helpers.js';

const built = ['dist/node/headless.mjs', 'dist/node/main.mjs', 'dist/node/preload.cjs', 'dist/renderer/index.html'].every((f) =>
  existsSync(f),
);
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});

describe.skipIf(!built)('npm start without Electron', () => {
  it('says so once and serves the headless console', async () => {
    const [dataDir, emptyElectron] = [await makeTempDir('novacron-start-'), await makeTempDir('novacron-noelectron-')];
    dirs.push(dataDir, emptyElectron);
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, NOVACRON_DATA_DIR: dataDir, NOVACRON_PORT: '0', ELECTRON_OVERRIDE_DIST_PATH: emptyElectron },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!stdout.includes('NOVACRON_URL=') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(stdout).toMatch(/^NOVACRON_URL=http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}\n/);
      const notes = stderr.split('\n').filter((l) => l.startsWith('NovaCron: the Electron binary is not available'));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/starting the headless console instead\.$/);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
