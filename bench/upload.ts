/**
 * `npm run bench -- upload`: a 256 MiB file uploaded into the lab's pool over qemu+ssh (the
 * lab's sshd), with NovaCron's CLI (`vol upload`: creates the volume sized to the file, then
 * libvirt's upload stream) against `virsh vol-upload` into a volume made beforehand. The ratio
 * line counts virsh's upload alone (virsh gets the easier job); the line above it also counts
 * its `vol-create-as`, the same end state as ours. Whole processes, rounds interleaved.
 *
 *   BENCH_MIB     file size in MiB (default 256)
 *   BENCH_ROUNDS  rounds (default 3)
 *   BENCH_FILL    random (default) | sparse (half the file in long zero runs)
 *
 * Last line: ratio=<ours/virsh> of the median times.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './lab.js';

const MIB = Number(process.env.BENCH_MIB ?? 256);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FILL = process.env.BENCH_FILL ?? 'random';

interface Lab {
  ssh: string;
  virshSsh: string;
  keyfile: string;
  knownHosts: string;
  pool: string;
}

const raw =
  process.env.NOVACRON_LAB_JSON || execFileSync('bash', ['e2e/lab/lab.sh', 'status'], { encoding: 'utf8' }).trim().split('\n').pop();
if (!raw) throw new Error('the lab is not up: run `bash e2e/lab/lab.sh up`');
const lab = JSON.parse(raw) as Lab;

const dir = mkdtempSync(join(tmpdir(), 'novacron-bench-upload-'));
const file = join(dir, 'upload.bin');
const bytes = MIB * 1024 * 1024;
{
  const fd = openSync(file, 'w');
  const chunk = 1024 * 1024;
  for (let at = 0; at < bytes; at += chunk) {
    const zero = FILL === 'sparse' && (at / chunk) % 2 === 1;
    writeSync(fd, zero ? Buffer.alloc(chunk) : randomBytes(chunk));
  }
  closeSync(fd);
}

const prefix = `bench-upload-${randomBytes(3).toString('hex')}`;
const made: string[] = [];
const removeVolume = (name: string) =>
  spawnSync('virsh', ['-q', '-c', 'qemu:///system', 'vol-delete', '--pool', lab.pool, name], { stdio: 'ignore' });

function time(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = performance.now();
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], env, timeout: 600_000 });
  return performance.now() - t;
}

function ours(name: string): number {
  made.push(name);
  const env = { ...process.env, NOVACRON_DATA_DIR: dir };
  return time(
    process.execPath,
    [
      'dist/node/cli.mjs',
      '--connect',
      lab.ssh,
      '--keyfile',
      lab.keyfile,
      '--known-hosts',
      lab.knownHosts,
      'vol',
      'upload',
      lab.pool,
      name,
      file,
    ],
    env,
  );
}

/** virsh's upload alone, and with the `vol-create-as` it needs first (the same end state as ours). */
function virsh(name: string): { upload: number; withCreate: number } {
  made.push(name);
  const create = time('virsh', ['-q', '-c', lab.virshSsh, 'vol-create-as', lab.pool, name, String(bytes), '--format', 'raw']);
  const upload = time('virsh', ['-q', '-c', lab.virshSsh, 'vol-upload', '--pool', lab.pool, name, file]);
  return { upload, withCreate: create + upload };
}

const o: number[] = [];
const v: number[] = [];
const vc: number[] = [];
try {
  // One warm-up each (page cache, ssh host key paths), then interleaved rounds.
  ours(`${prefix}-warm-o`);
  virsh(`${prefix}-warm-v`);
  for (let i = 0; i < ROUNDS; i++) {
    o.push(ours(`${prefix}-o${i}`));
    const r = virsh(`${prefix}-v${i}`);
    v.push(r.upload);
    vc.push(r.withCreate);
    for (const n of made.splice(0)) removeVolume(n);
  }
} finally {
  for (const n of made) removeVolume(n);
  rmSync(dir, { recursive: true, force: true });
}
const rate = (ms: number) => `${(MIB / (ms / 1000)).toFixed(1)} MB/s`;
console.log(`upload of ${MIB} MiB (${FILL}) over qemu+ssh into pool ${lab.pool}, ${ROUNDS} interleaved rounds, whole processes`);
console.log(`novacron vol upload: median ${(median(o) / 1000).toFixed(2)} s, ${rate(median(o))} (runs: ${o.map(rate).join(', ')})`);
console.log(`virsh vol-upload:    median ${(median(v) / 1000).toFixed(2)} s, ${rate(median(v))} (runs: ${v.map(rate).join(', ')})`);
console.log(
  `virsh vol-create-as + vol-upload (same end state as ours): median ${(median(vc) / 1000).toFixed(2)} s, ratio ${(median(o) / median(vc)).toFixed(2)}`,
);
console.log(`ratio=${(median(o) / median(v)).toFixed(2)}`);
