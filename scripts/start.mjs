// `npm start`: the desktop app when an Electron binary is available, else the
// headless console (same backend and UI, in the browser); `npm run headless`
// (--headless): the headless console directly. Builds first if the build
// output is missing (`npm ci` builds it in `prepare`, so normally it is there). With the headless fallback its stdout passes
// through, so the NOVACRON_URL=... line is printed as usual.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const needed = ['dist/node/main.mjs', 'dist/node/preload.cjs', 'dist/node/headless.mjs', 'dist/renderer/index.html'];

if (needed.some((f) => !existsSync(join(root, f)))) {
  process.stderr.write('NovaCron: the build output is missing; running `npm run build` first.\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write('NovaCron: the build failed; see above.\n');
    process.exit(r.status ?? 1);
  }
}

/**
 * The electron package's main export is the binary's path; on first use it
 * tries to download the binary and throws if it cannot. Asked in a child
 * process so its download chatter stays out of our output.
 */
function electronBinary() {
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status === 0 && r.stdout && existsSync(r.stdout)) return { path: r.stdout };
  const lines = `${r.stderr ?? ''}\n${r.error?.message ?? ''}`.split('\n').map((l) => l.trim());
  const reason =
    lines.find((l) => /Electron failed to install correctly/.test(l)) ??
    lines.find((l) => /Error/.test(l)) ??
    (r.stdout ? `no file at ${r.stdout}` : `exit code ${r.status}`);
  return {
    reason: reason
      .replace(/^Error:\s*/, '')
      .replace(/ Please delete.*$/, '')
      .replace(/\.$/, ''),
  };
}

function run(cmd, args, opts) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return child;
}

function startHeadless() {
  const child = run(process.execPath, [join(root, 'dist/node/headless.mjs')]);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

if (process.argv.includes('--headless')) startHeadless();
else startDesktop();

function startDesktop() {
  const electron = process.env.NOVACRON_HEADLESS === '1' ? { reason: 'NOVACRON_HEADLESS=1' } : electronBinary();
  if (electron.path) {
    const child = run(electron.path, ['.']);
    child.on('error', (e) => {
      process.stderr.write(`NovaCron: the Electron binary is not available (${e.message}); starting the headless console instead.\n`);
      startHeadless();
    });
    child.on('exit', (code) => {
      if (code !== null) process.exit(code);
    });
  } else {
    process.stderr.write(`NovaCron: the Electron binary is not available (${electron.reason}); starting the headless console instead.\n`);
    startHeadless();
  }
}
