/** Shared pieces of the transfer tests: byte sources, hashes, and what virsh says about a volume. */
import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requireLab, virsh } from '../helpers/lab.js';

export const MiB = 1024 * 1024;

export function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Random data and zero runs laid end to end: [['data', n] | ['zero', n]]. */
export function layout(parts: Array<['data' | 'zero', number]>): Buffer {
  return Buffer.concat(parts.map(([kind, n]) => (kind === 'data' ? randomBytes(n) : Buffer.alloc(n))));
}

/** The buffer in chunks of `size` (the last one shorter), as an upload source. */
export async function* chunks(b: Buffer, size = MiB, onChunk?: (sent: number) => void | Promise<void>): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < b.length; at += size) {
    await onChunk?.(at);
    yield b.subarray(at, Math.min(at + size, b.length));
  }
}

function listed(name: string): boolean {
  const L = requireLab();
  return spawnSync('virsh', ['-q', '-c', L.system, 'vol-info', '--pool', L.pool, name], { stdio: 'ignore' }).status === 0;
}

/**
 * Whether the volume is there: its file in the lab's (local) pool directory, and libvirt's list.
 * The daemon rebuilds a pool's list after every upload (other sessions upload too), so a
 * lookup can miss for a moment: libvirt's answer is asked again after a pool refresh.
 */
export function volumeExists(name: string): boolean {
  const L = requireLab();
  const file = existsSync(join(L.poolPath, name));
  if (listed(name)) return true;
  spawnSync('virsh', ['-q', '-c', L.system, 'pool-refresh', L.pool], { stdio: 'ignore' });
  return file || listed(name);
}

/** virsh vol-info --bytes as numbers: Capacity, Allocation. */
export function volumeInfo(name: string): { capacity: number; allocation: number } {
  const out = virsh(['vol-info', '--bytes', '--pool', requireLab().pool, name]);
  const num = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(out)?.[1] ?? NaN);
  return { capacity: num('Capacity'), allocation: num('Allocation') };
}

/** The volume's bytes as libvirtd's host sees them (the pool is a local dir in the lab). */
export function volumeXml(name: string): string {
  return virsh(['vol-dumpxml', '--pool', requireLab().pool, name]);
}
