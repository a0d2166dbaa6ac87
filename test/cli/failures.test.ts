/**
 * Expected failures of the built CLI: one "novacron: ..." line on stderr, no
 * stack, and the documented exit code (1 daemon, 2 usage, 3 connection),
 * including the SSH host-key and authentication refusals against the lab's
 * two loopback sshd (known_hosts files are temporary copies).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lab, uniqueName } from '../helpers/lab.js';
import { buildCli, cliJson, expectOneLineFailure, labString, removeDataDir, runCli, type CliVm } from './helpers.js';

const L = lab!;
let dir: string;

/** How known_hosts names the lab's sshd ports: "[127.0.0.1]:2222". */
function knownHostsName(portKey: 'sshPort' | 'sshUnknownPort'): string {
  return `[${labString('sshHost')}]:${String(L[portKey])}`;
}

beforeAll(() => {
  if (!lab) return;
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'novacron-cli-failures-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  removeDataDir();
});

/** A fresh file name in the temp dir. */
function tempFile(what: string): string {
  return join(dir, uniqueName(what));
}

describe.skipIf(!lab)('novacron CLI failures (lab)', () => {
  it('an unknown domain: exit 1, one line naming it', async () => {
    const name = uniqueName('nosuchdom');
    for (const verb of ['start', 'xml']) {
      const r = await runCli(['--connect', L.system, 'vm', verb, name]);
      const line = expectOneLineFailure(r, 1);
      expect(line).toContain(name);
      expect(r.stdout).toBe('');
    }
  });

  it('an unknown command or option: exit 2, one line, before any connection', async () => {
    for (const args of [['frobnicate'], ['vm', 'frobnicate', 'x'], ['vm'], ['--no-such-option', 'vm', 'list'], ['vm', 'list', 'extra']]) {
      // The socket does not exist: a usage error must be reported without trying it.
      const r = await runCli(['--connect', 'qemu:///system?socket=/nonexistent', ...args]);
      const line = expectOneLineFailure(r, 2);
      expect(line, args.join(' ')).toMatch(/unknown|unexpected|no command/);
      expect(r.stdout).toBe('');
    }
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: novacron/);
  });

  it('an unreachable socket: exit 3, one line', async () => {
    const r = await runCli(['--connect', 'qemu:///system?socket=/nonexistent', 'vm', 'list']);
    expect(expectOneLineFailure(r, 3)).toContain('/nonexistent');
    expect(r.stdout).toBe('');
  });

  it('an unknown host key: exit 3 with its fingerprint and known_hosts untouched; --accept-new-host-key records it', async () => {
    const kh = tempFile('known_hosts');
    copyFileSync(L.knownHosts, kh);
    const original = readFileSync(kh);
    const labOriginal = readFileSync(L.knownHosts);
    const base = ['--connect', labString('sshUnknownHost'), '--keyfile', L.keyfile, '--known-hosts', kh];

    const refused = await runCli([...base, 'vm', 'list', '--json']);
    const line = expectOneLineFailure(refused, 3);
    expect(line).toContain(labString('unknownHostKeyFingerprint'));
    expect(line).toContain('--accept-new-host-key');
    expect(refused.stdout).toBe('');
    expect(readFileSync(kh).equals(original)).toBe(true);

    const accepted = await runCli([...base, '--accept-new-host-key', 'vm', 'list', '--json']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr).toContain(labString('unknownHostKeyFingerprint'));
    expect((JSON.parse(accepted.stdout) as CliVm[]).map((v) => v.name)).toEqual(expect.arrayContaining(L.guests));
    const now = readFileSync(kh, 'utf8');
    expect(now.startsWith(original.toString('utf8'))).toBe(true);
    const added = now.split('\n').filter((l) => l.startsWith(`${knownHostsName('sshUnknownPort')} `));
    expect(added).toEqual([`${knownHostsName('sshUnknownPort')} ${labString('unknownHostKey')}`]);

    // Now known: no flag needed, nothing more written.
    await cliJson<CliVm[]>([...base, 'vm', 'list', '--json']);
    expect(readFileSync(kh, 'utf8')).toBe(now);
    expect(readFileSync(L.knownHosts).equals(labOriginal)).toBe(true);
  });

  it('a changed host key: exit 3 about the changed key, even with --accept-new-host-key', async () => {
    const kh = tempFile('known_hosts');
    writeFileSync(kh, `${knownHostsName('sshPort')} ${labString('unknownHostKey')}\n`);
    const original = readFileSync(kh);
    for (const accept of [[], ['--accept-new-host-key']]) {
      const r = await runCli(['--connect', L.ssh, '--keyfile', L.keyfile, '--known-hosts', kh, ...accept, 'vm', 'list']);
      const line = expectOneLineFailure(r, 3);
      expect(line).toMatch(/changed/i);
      expect(line).toContain(labString('hostKeyFingerprint'));
      expect(r.stdout).toBe('');
      expect(readFileSync(kh).equals(original)).toBe(true);
    }
  });

  it('a client key the server does not know: exit 3 about authentication', async () => {
    const key = tempFile('id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'novacron-cli-test', '-f', key], {
      stdio: 'ignore',
      timeout: 30_000,
    });
    const r = await runCli(['--connect', L.ssh, '--keyfile', key, '--known-hosts', L.knownHosts, 'vm', 'list']);
    expect(expectOneLineFailure(r, 3)).toMatch(/authentication/i);
    expect(r.stdout).toBe('');
  });
});
