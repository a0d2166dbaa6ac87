/**
 * `vol upload` and `vol download` as a user runs them over qemu+ssh: byte-identical round trips
 * (random bytes, and a file of long zero runs that stays sparse at both ends), progress on
 * stderr, the refusals as one line, and an interrupted upload that leaves no volume behind.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lab, uniqueName, virshQuiet } from '../helpers/lab.js';
import { layout, MiB, sha256, volumeExists, volumeInfo } from '../storage/transfer-helpers.js';
import { buildCli, expectOneLineFailure, removeDataDir, runCli, spawnCli } from './helpers.js';

describe.skipIf(!lab)('novacron vol upload / download', () => {
  const L = lab!;
  const ssh = ['--connect', L.ssh, '--keyfile', L.keyfile, '--known-hosts', L.knownHosts];
  const dir = mkdtempSync(join(tmpdir(), 'novacron-cli-vol-'));
  const made: string[] = [];
  const fresh = (what: string) => {
    const n = `${uniqueName(what)}.img`;
    made.push(n);
    return n;
  };
  const file = (name: string, data: Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };

  beforeAll(() => buildCli());

  afterAll(() => {
    for (const n of made) virshQuiet(['vol-delete', '--pool', L.pool, n]);
    rmSync(dir, { recursive: true, force: true });
    removeDataDir();
  });

  it('uploads a file and downloads it back byte-identical, with progress on stderr', async () => {
    const name = fresh('cli-rand');
    const data = layout([['data', 4 * MiB + 99]]);
    const up = await runCli([...ssh, 'vol', 'upload', L.pool, name, file('rand.bin', data)]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toBe(`uploaded ${data.length} bytes into ${L.pool}/${name} (new volume), sparse: 0 bytes as holes\n`);
    expect(up.stderr).toMatch(/uploaded 4\.0 MiB of 4\.0 MiB \(100%\) · [\d.]+ MiB\/s\n$/);
    expect(volumeInfo(name).capacity).toBe(data.length);

    const out = join(dir, 'rand.out');
    const down = await runCli([...ssh, 'vol', 'download', L.pool, name, out]);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toBe(`downloaded ${data.length} bytes of ${L.pool}/${name} to ${out}\n`);
    expect(sha256(readFileSync(out))).toBe(sha256(data));
  });

  it('a file of long zero runs travels sparse and stays sparse on the host and locally', async () => {
    const name = fresh('cli-sparse');
    const data = layout([
      ['zero', 4 * MiB],
      ['data', 300 * 1024],
      ['zero', 8 * MiB],
      ['data', 1000],
    ]);
    const up = await runCli([...ssh, '--json', 'vol', 'upload', L.pool, name, file('sparse.bin', data)]);
    expect(up.code, up.stderr).toBe(0);
    const r = JSON.parse(up.stdout) as { bytes: number; sparse: boolean; holeBytes: number };
    expect(r).toMatchObject({ bytes: data.length, sparse: true });
    expect(r.holeBytes).toBeGreaterThanOrEqual(12 * MiB - 64 * 1024);
    expect(volumeInfo(name).allocation).toBeLessThan(1 * MiB);

    const out = join(dir, 'sparse.out');
    const down = await runCli([...ssh, 'vol', 'download', L.pool, name, out]);
    expect(down.code, down.stderr).toBe(0);
    expect(sha256(readFileSync(out))).toBe(sha256(data));
    // The holes were skipped in the local file, not written as zeros.
    expect(statSync(out).blocks * 512).toBeLessThan(2 * MiB);
  });

  it('refuses bad names, empty files, existing volumes and existing local files as one line, changing nothing', async () => {
    const bad = await runCli([...ssh, 'vol', 'upload', L.pool, '../../etc/x', file('one.bin', Buffer.from('x'))]);
    expect(expectOneLineFailure(bad, 2)).toMatch(/invalid volume name .*"\/"/);
    const shell = await runCli([...ssh, 'vol', 'upload', L.pool, 'a;rm -rf x', file('one.bin', Buffer.from('x'))]);
    expect(expectOneLineFailure(shell, 2)).toMatch(/only letters, digits/);

    const emptyName = uniqueName('cli-empty');
    const empty = await runCli([...ssh, 'vol', 'upload', L.pool, emptyName, file('empty.bin', Buffer.alloc(0))]);
    expect(expectOneLineFailure(empty, 2)).toMatch(/empty/);
    expect(volumeExists(emptyName)).toBe(false);

    const name = fresh('cli-taken');
    expect((await runCli([...ssh, 'vol', 'upload', L.pool, name, file('one.bin', Buffer.from('x'))])).code).toBe(0);
    const taken = await runCli([...ssh, 'vol', 'upload', L.pool, name, file('one.bin', Buffer.from('y'))]);
    expect(expectOneLineFailure(taken, 1)).toMatch(/already has a volume/);

    const out = file('exists.out', Buffer.from('keep me'));
    const clash = await runCli([...ssh, 'vol', 'download', L.pool, name, out]);
    expect(expectOneLineFailure(clash, 2)).toMatch(/exists; use --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');

    const missing = join(dir, 'missing.out');
    const none = await runCli([...ssh, 'vol', 'download', L.pool, uniqueName('cli-none'), missing]);
    expect(expectOneLineFailure(none, 1)).toMatch(/has no volume/);
    expect(() => statSync(missing)).toThrow();
  });

  it('interrupted mid-upload (SIGINT): the volume it created is deleted', async () => {
    const name = fresh('cli-int');
    const big = file('big.bin', layout([['data', 96 * MiB]]));
    const child = spawnCli([...ssh, 'vol', 'upload', L.pool, name, big]);
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (s: string) => {
      stderr += s;
      // The first progress line: the volume exists and bytes are flowing.
      if (!interrupted && /uploaded [\d.]+ (KiB|MiB) of/.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stdin.end();
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(interrupted).toBe(true);
    expect(code).not.toBe(0);
    expect(volumeExists(name)).toBe(false);
  });
});
