/**
 * `pool list|create|delete|refresh` and `vol list|create|resize|delete|clone`
 * as a user runs them, on a pool of the test's own under the lab's
 * tmp-<unique> dir, checked against virsh; failures as one line with the usual
 * exit codes (2 for bad input, 1 for a refusal).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import type { Volume } from '../../shared/contract/storage.js';
import { connectLab, lab, parseKeyValues, uniqueName, virsh } from '../helpers/lab.js';
import { machineUsing, tempPoolRoot } from '../storage/helpers.js';
import { buildCli, cliJson, expectOneLineFailure, lines, removeDataDir, runCli, type CliPool } from './helpers.js';

const MiB = 1 << 20;

describe.skipIf(!lab)('novacron pool and vol', () => {
  const root = lab ? tempPoolRoot() : null;
  let c: LibvirtClient;

  beforeAll(async () => {
    buildCli();
    c = await connectLab('system');
  }, 60_000);

  afterAll(async () => {
    root?.cleanup();
    await c?.close();
    removeDataDir();
  });

  it('creates a dir pool, manages its volumes, and deletes it with them', async () => {
    const name = uniqueName('cli-pool');
    root!.pools.push(name);
    const target = join(root!.dir, name);
    let r = await runCli(['pool', 'create', name, '--type', 'dir', '--target', target]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Pool '${name}' created at ${target} (running)\n`);
    expect(parseKeyValues(virsh(['pool-info', name])).State).toBe('running');

    const pools = await cliJson<(CliPool & { type: string; volumeCount: number })[]>(['pool', 'list', '--json']);
    expect(pools.find((p) => p.name === name)).toMatchObject({ type: 'dir', state: 'running', volumeCount: 0 });

    r = await runCli(['vol', 'create', name, 'disk.qcow2', '--size', '8M']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Volume 'disk.qcow2' created in pool '${name}' \\(qcow2, ${8 * MiB} bytes\\)`));
    expect((await runCli(['vol', 'create', name, 'raw.img', '--size', String(2 * MiB), '--format', 'raw'])).code).toBe(0);
    expect((await runCli(['vol', 'create', name, 'top.qcow2', '--size', '8M', '--backing', 'disk.qcow2'])).code).toBe(0);

    r = await runCli(['vol', 'resize', name, 'raw.img', '--size', '4M']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Volume 'raw.img' resized to ${4 * MiB} bytes\n`);
    expect(parseKeyValues(virsh(['vol-info', '--bytes', '--pool', name, 'raw.img'])).Capacity).toBe(`${4 * MiB} bytes`);
    expect(expectOneLineFailure(await runCli(['vol', 'resize', name, 'raw.img', '--size', '1M']), 2)).toMatch(/confirm it with shrink/);
    expect((await runCli(['vol', 'resize', name, 'raw.img', '--size', '1M', '--shrink'])).code).toBe(0);
    expect((await runCli(['vol', 'clone', name, 'raw.img', 'raw-copy.img'])).code).toBe(0);

    const vols = await cliJson<Volume[]>(['vol', 'list', name, '--json']);
    expect(vols.map((v) => [v.name, v.format, v.capacity])).toEqual([
      ['disk.qcow2', 'qcow2', 8 * MiB],
      ['raw-copy.img', 'raw', MiB],
      ['raw.img', 'raw', MiB],
      ['top.qcow2', 'qcow2', 8 * MiB],
    ]);
    expect(vols.find((v) => v.name === 'top.qcow2')!.backingPath).toBe(join(target, 'disk.qcow2'));
    expect(
      lines(virsh(['vol-list', name]))
        .map((l) => l.split(/\s+/)[0])
        .sort(),
    ).toEqual(vols.map((v) => v.name));

    r = await runCli(['vol', 'delete', name, 'raw-copy.img']);
    expect(r.stdout).toBe(`Volume 'raw-copy.img' deleted from pool '${name}'\n`);
    expect((await runCli(['pool', 'refresh', name])).stdout).toMatch(new RegExp(`^Pool '${name}' refreshed: 3 volumes`));

    r = await runCli(['pool', 'delete', name, '--with-volumes']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Pool '${name}' deleted with its volumes 'disk.qcow2', 'raw.img', 'top.qcow2'\n`);
    expect(lines(virsh(['pool-list', '--all', '--name']))).not.toContain(name);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses in one line: bad names, paths and sizes (exit 2), in use or missing (exit 1)', async () => {
    const p = uniqueName('cli-pool');
    root!.pools.push(p);
    expect(
      expectOneLineFailure(await runCli(['pool', 'create', 'a;rm -rf', '--type', 'dir', '--target', join(root!.dir, 'x')]), 2),
    ).toMatch(/invalid pool name/);
    expect(expectOneLineFailure(await runCli(['pool', 'create', p, '--type', 'dir', '--target', `${root!.dir}/../x`]), 2)).toMatch(
      /"\.\."/,
    );
    expect(expectOneLineFailure(await runCli(['pool', 'create', p, '--type', 'rbd', '--target', '/x']), 2)).toMatch(/--type dir/);
    expect(expectOneLineFailure(await runCli(['pool', 'create', p]), 2)).toMatch(/--target PATH is required/);
    expect(lines(virsh(['pool-list', '--all', '--name']))).not.toContain(p);

    expect((await runCli(['pool', 'create', p, '--type', 'dir', '--target', join(root!.dir, p)])).code).toBe(0);
    expect(expectOneLineFailure(await runCli(['vol', 'create', p, '<x>.qcow2', '--size', '1M']), 2)).toMatch(/invalid volume name/);
    expect(expectOneLineFailure(await runCli(['vol', 'create', p, 'z.qcow2', '--size', '0']), 2)).toMatch(/more than 0 bytes/);
    expect(expectOneLineFailure(await runCli(['vol', 'create', p, 'z.qcow2', '--size', 'lots']), 2)).toMatch(/not a size/);
    expect(expectOneLineFailure(await runCli(['vol', 'create', p, 'z.qcow2', '--size', '900T']), 2)).toMatch(/does not fit/);
    expect(expectOneLineFailure(await runCli(['vol', 'create', p, 'z.qcow2', '--size', '1M', '--format', 'vmdk']), 2)).toMatch(
      /qcow2 or raw/,
    );
    expect(lines(virsh(['vol-list', p]))).toEqual([]);

    expect((await runCli(['vol', 'create', p, 'used.qcow2', '--size', '1M'])).code).toBe(0);
    const m = await machineUsing(c, join(root!.dir, p, 'used.qcow2'));
    try {
      expect(expectOneLineFailure(await runCli(['vol', 'delete', p, 'used.qcow2']), 1)).toContain(m.name);
      expect(expectOneLineFailure(await runCli(['pool', 'delete', p, '--with-volumes']), 1)).toContain(m.name);
      expect(lines(virsh(['vol-list', p])).length).toBe(1);
    } finally {
      await m.remove();
    }
    expect(expectOneLineFailure(await runCli(['vol', 'list', uniqueName('none')]), 1)).toMatch(/no storage pool/);
    expect(expectOneLineFailure(await runCli(['vol', 'delete', p, 'nothing.qcow2']), 1)).toMatch(/has no volume "nothing.qcow2"/);
    expect((await runCli(['pool', 'delete', p, '--with-volumes'])).code).toBe(0);
  });
});
