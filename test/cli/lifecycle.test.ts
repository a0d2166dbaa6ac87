/**
 * The built CLI changing nc-guest-2 (start, suspend, resume, destroy; each
 * confirmed by virsh domstate) and `novacron events` following lifecycle
 * events that virsh causes. nc-guest-2 is always left shut off.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lab, virsh, virshQuiet, waitFor } from '../helpers/lab.js';
import { buildCli, expectOneLineFailure, removeDataDir, runCli, spawnCli } from './helpers.js';

const L = lab!;
const GUEST = 'nc-guest-2';

function domstate(): string {
  return virsh(['domstate', GUEST]).trim();
}

/** Leaves the guest as the lab expects it: shut off. */
function restoreGuest(): void {
  if (domstate() !== 'shut off') virshQuiet(['destroy', GUEST]);
}

beforeAll(() => {
  if (!lab) return;
  buildCli();
  restoreGuest();
});

afterEach(() => {
  if (lab) restoreGuest();
});

afterAll(() => {
  if (lab) restoreGuest();
  removeDataDir();
});

interface EventLine {
  time: string;
  domain: string;
  uuid: string;
  event: string;
  detail: string;
}

describe.skipIf(!lab)('novacron CLI lifecycle (lab)', () => {
  it(`vm start / suspend / resume / destroy ${GUEST}, each confirmed by virsh domstate`, async () => {
    expect(domstate()).toBe('shut off');
    const steps: [string, string, string][] = [
      ['start', 'running', 'started'],
      ['suspend', 'paused', 'suspended'],
      ['resume', 'running', 'resumed'],
      ['destroy', 'shut off', 'destroyed'],
    ];
    for (const [verb, state, said] of steps) {
      const r = await runCli(['--connect', L.system, 'vm', verb, GUEST]);
      expect(r.code, `${verb}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`Domain '${GUEST}' ${said}\n`);
      expect(domstate(), verb).toBe(state);
    }
  });

  it('--readonly refuses vm start with one line and exit 1, and the guest stays off', async () => {
    const r = await runCli(['--connect', L.system, '--readonly', 'vm', 'start', GUEST]);
    expect(expectOneLineFailure(r, 1)).toMatch(/read.only/i);
    expect(domstate()).toBe('shut off');
  });

  it('events prints started then stopped for a guest virsh starts and destroys, and exits 0 on SIGINT', async () => {
    const uuid = virsh(['domuuid', GUEST]).trim();
    let child: ChildProcessWithoutNullStreams | undefined;
    try {
      child = spawnCli(['--connect', L.system, 'events']);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (s: string) => (stdout += s));
      child.stderr.on('data', (s: string) => (stderr += s));
      const exited = new Promise<number | null>((resolve) => child!.on('close', (code) => resolve(code)));

      expect(await waitFor(() => stderr.includes('listening'), 15_000, 50), stderr).toBe(true);

      const events = (): EventLine[] =>
        stdout
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l) as EventLine)
          .filter((e) => e.domain === GUEST);
      virsh(['start', GUEST]);
      expect(await waitFor(() => events().some((e) => e.event === 'started'), 15_000, 50), stdout).toBe(true);
      virsh(['destroy', GUEST]);
      expect(await waitFor(() => events().some((e) => e.event === 'stopped'), 15_000, 50), stdout).toBe(true);

      child.kill('SIGINT');
      const code = await exited;
      child = undefined;
      expect(code, stderr).toBe(0);

      // Every stdout line is one JSON object; started comes before stopped.
      const seen = events();
      const started = seen.findIndex((e) => e.event === 'started');
      const stopped = seen.findIndex((e) => e.event === 'stopped');
      expect(started).toBeGreaterThanOrEqual(0);
      expect(stopped).toBeGreaterThan(started);
      expect(seen[started]).toMatchObject({ uuid, detail: 'booted' });
      expect(seen[stopped]).toMatchObject({ uuid, detail: 'destroyed' });
      for (const e of seen) expect(Number.isNaN(Date.parse(e.time))).toBe(false);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      // Only if the test failed before the child exited: end it (our own child, by its handle).
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
