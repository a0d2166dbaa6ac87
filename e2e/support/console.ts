/** The headless console under test: a fresh data directory per test, killed at the end. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningConsole {
  url: string;
  dataDir: string;
  /** stderr so far (the backend's log), for failure reports. */
  log(): string;
  stop(): Promise<void>;
}

const ENTRY = 'dist/node/headless.mjs';

export async function startConsole(): Promise<RunningConsole> {
  for (const f of [ENTRY, 'dist/renderer/index.html']) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'novacron-e2e-'));
  const child = spawn(process.execPath, [ENTRY], {
    env: { ...process.env, NOVACRON_DATA_DIR: dataDir, NOVACRON_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  try {
    const url = await readUrl(child, () => stderr);
    return { url, dataDir, log: () => stderr, stop: () => stop(child, dataDir) };
  } catch (e) {
    await stop(child, dataDir);
    throw e;
  }
}

function readUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('no NOVACRON_URL line within 20 s')), 20_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(new Error(`the headless console did not start: ${e.message}\n${stderr().slice(-2000)}`));
    };
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /^NOVACRON_URL=(\S+)$/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`exited early (${code ?? signal})`)));
    child.once('error', fail);
  });
}

async function stop(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
