/**
 * Runs the built CLI (dist/node/cli.mjs) as a child process, the way a user
 * or a script does, and reads virsh's human output for the differential checks.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { requireLab } from '../helpers/lab.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/node/cli.mjs');

/** Builds dist/node/cli.mjs from the current sources (esbuild: about a second). */
export function buildCli(): void {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
}

/** A private data dir per test file, so the CLI never reads or writes the user's NovaCron files. */
const dataDir = mkdtempSync(join(tmpdir(), 'novacron-cli-test-'));
/** The CLI's data dir in these tests: a backend started on it shares its store and metrics with the CLI. */
export const cliDataDir = dataDir;

export function removeDataDir(): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/** The child's environment: no default URI, no SSH agent, no debug output, a throwaway data dir. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NOVACRON_DATA_DIR: dataDir };
  delete env.LIBVIRT_DEFAULT_URI;
  delete env.SSH_AUTH_SOCK;
  delete env.NOVACRON_DEBUG;
  return env;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI without waiting for it (for `events`). */
export function spawnCli(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  return child;
}

/** Runs the CLI to completion; killed after `timeoutMs`. */
export function runCli(args: string[], timeoutMs = 25_000): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnCli(args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (s: string) => (stdout += s));
    child.stderr.on('data', (s: string) => (stderr += s));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** Runs a command that must succeed and prints JSON; returns it parsed. */
export async function cliJson<T>(args: string[]): Promise<T> {
  const r = await runCli(args);
  expect(r.stderr, `novacron ${args.join(' ')}`).toBe('');
  expect(r.code, `novacron ${args.join(' ')}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** An expected failure: the given exit code and exactly one "novacron: ..." line on stderr, no stack. */
export function expectOneLineFailure(r: CliResult, code: number): string {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr.endsWith('\n'), r.stderr).toBe(true);
  const lines = r.stderr.slice(0, -1).split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^novacron: \S/);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

/** The output shapes of the CLI's --json commands. */
export interface CliVm {
  name: string;
  uuid: string;
  id: number;
  state: string;
  vcpus: number;
  memoryKiB: number;
  maxMemoryKiB: number;
  persistent: boolean;
  autostart: boolean;
}

export interface CliPool {
  name: string;
  uuid: string;
  state: string;
  capacity: number | string;
  allocation: number | string;
  available: number | string;
  persistent: boolean;
  autostart: boolean;
}

export interface CliNet {
  name: string;
  uuid: string;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
  bridge: string | null;
}

export interface CliHost {
  hostname: string;
  uri: string;
  hypervisor: string;
  hypervisorVersion: string;
  libvirtVersion: string;
  cpuModel: string;
  cpus: number;
  mhz: number;
  memoryKiB: number | string;
  numaNodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

export interface CliStats {
  name: string;
  uuid: string;
  stats: Record<string, number | string | boolean>;
}

/** A string field of the lab JSON that LabInfo does not declare (e.g. sshUnknownHost). */
export function labString(key: string): string {
  const v = requireLab()[key];
  if (typeof v !== 'string' || v === '') throw new Error(`the lab JSON has no string "${key}"`);
  return v;
}

/** virsh's state words as the CLI spells them (virDomainState). */
export function virshStateToCli(s: string): string {
  const map: Record<string, string> = {
    'no state': 'nostate',
    running: 'running',
    idle: 'blocked',
    paused: 'paused',
    'in shutdown': 'shutdown',
    'shut off': 'shutoff',
    crashed: 'crashed',
    pmsuspended: 'pmsuspended',
  };
  const v = map[s.trim()];
  if (!v) throw new Error(`unknown virsh state "${s}"`);
  return v;
}

/** `virsh list --all` (with -q: no header) as name -> state word. */
export function parseVirshList(out: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const m = /^\s*(\d+|-)\s+(\S+)\s+(\S.*?)\s*$/.exec(line);
    if (!m) throw new Error(`unexpected virsh list line: ${JSON.stringify(line)}`);
    rows.set(m[2]!, m[3]!);
  }
  return rows;
}

/** Non-empty lines, trimmed (for `virsh ... --name`). */
export function lines(out: string): string[] {
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Counts values: {running: 667, shutoff: 333}. */
export function countBy(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** A big integer field of CLI JSON (a number when safe, a string beyond 2^53) as a bigint. */
export function big(v: number | string): bigint {
  return BigInt(v);
}
