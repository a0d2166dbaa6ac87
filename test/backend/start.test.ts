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

/** GETs the console's page as a browser would: the token URL, then (if it redirects to drop the token) with the cookie. */
async function fetchPage(url: string): Promise<{ status: number; body: string }> {
  let r = await fetch(url, { redirect: 'manual' });
  if (r.status >= 300 && r.status < 400) {
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    r = await fetch(new URL(r.headers.get('location') ?? '/', url), { headers: { cookie } });
  }
  return { status: r.status, body: await r.text() };
}

describe('npm start and npm run headless after npm ci', () => {
  it('the build is there (npm ci builds it in prepare; npm test builds before testing)', () => {
    expect(built).toBe(true);
  });

  it('npm run headless serves the UI, not a "run npm run build" page', async () => {
    const dataDir = await makeTempDir('novacron-headless-');
    dirs.push(dataDir);
    const child = spawn('npm', ['run', '-s', 'headless'], {
      env: { ...process.env, NOVACRON_DATA_DIR: dataDir, NOVACRON_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      const deadline = Date.now() + 20_000;
      while (!stdout.includes('NOVACRON_URL=') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const url = /NOVACRON_URL=(\S+)/.exec(stdout)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
      const page = await fetchPage(url!);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="root">');
      expect(page.body).not.toMatch(/npm run build/);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });

  it('npm start says once that Electron is missing and serves the headless console', async () => {
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
