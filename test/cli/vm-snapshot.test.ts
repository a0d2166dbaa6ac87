/**
 * `vm snapshot list|create|revert|delete` as a user runs them, on throwaway
 * guests, checked against virsh; failures as one line with the usual exit codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract/snapshots.js';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { connectLab, lab, virsh } from '../helpers/lab.js';
import { makeGuest, type Guest } from '../helpers/throwaway-guest.js';
import { buildCli, cliJson, expectOneLineFailure, removeDataDir, runCli } from './helpers.js';

describe.skipIf(!lab)('novacron vm snapshot', () => {
  let c: LibvirtClient;
  let g: Guest;
  let raw: Guest;

  beforeAll(async () => {
    buildCli();
    c = await connectLab('system');
    g = await makeGuest(c, 'cli-snap');
    raw = await makeGuest(c, 'cli-snap-raw', { disk: 'raw' });
  }, 60_000);

  afterAll(async () => {
    await g?.remove();
    await raw?.remove();
    await c?.close();
    removeDataDir();
  });

  it('creates, lists as a tree, reverts and deletes with children', async () => {
    let r = await runCli(['vm', 'snapshot', 'create', g.name, 'first', '--description', 'before the upgrade']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Domain snapshot 'first' of '${g.name}' created\n`);
    expect(virsh(['snapshot-info', g.name, 'first'])).toMatch(/Current:\s+yes/);
    expect((await runCli(['vm', 'snapshot', 'create', g.name, 'second'])).code).toBe(0);

    const list = await cliJson<Snapshot[]>(['vm', 'snapshot', 'list', g.name, '--json']);
    expect(list.map((s) => [s.name, s.parent, s.depth, s.current])).toEqual([
      ['first', null, 0, false],
      ['second', 'first', 1, true],
    ]);
    expect(list[0]).toMatchObject({ description: 'before the upgrade', state: 'shutoff', withMemory: false });
    const text = await runCli(['vm', 'snapshot', 'list', g.name]);
    expect(text.stdout).toMatch(/^first\s/m);
    expect(text.stdout).toMatch(/^ {2}second\s.*\*/m);

    r = await runCli(['vm', 'snapshot', 'revert', g.name, 'first']);
    expect(r.stdout).toBe(`Domain '${g.name}' reverted to snapshot 'first' (now shutoff)\n`);
    expect(virsh(['snapshot-current', '--name', g.name]).trim()).toBe('first');

    r = await runCli(['vm', 'snapshot', 'delete', g.name, 'first', '--children']);
    expect(r.stdout).toBe(`Domain snapshots 'first', 'second' of '${g.name}' deleted\n`);
    expect(virsh(['snapshot-list', '--name', g.name]).trim()).toBe('');
  });

  it('fails in one line: name taken, raw disk, unknown snapshot or domain, bad name', async () => {
    expect((await runCli(['vm', 'snapshot', 'create', g.name, 'dup'])).code).toBe(0);
    expect(expectOneLineFailure(await runCli(['vm', 'snapshot', 'create', g.name, 'dup']), 1)).toMatch(
      /already has a snapshot named "dup"/,
    );
    expect(expectOneLineFailure(await runCli(['vm', 'snapshot', 'create', raw.name, 's1']), 1)).toMatch(/is not a qcow2 image/);
    expect(expectOneLineFailure(await runCli(['vm', 'snapshot', 'revert', g.name, 'nope']), 1)).toMatch(/has no snapshot named "nope"/);
    expect(expectOneLineFailure(await runCli(['vm', 'snapshot', 'list', 'apitest-no-such-domain']), 1)).toMatch(/libvirt error 42/);
    expect(expectOneLineFailure(await runCli(['vm', 'snapshot', 'create', g.name, 'a/b']), 2)).toMatch(/invalid snapshot name/);
    expect(expectOneLineFailure(await runCli(['vm', 'snapshot', 'create', g.name]), 2)).toMatch(/needs SNAP/);
    expect(expectOneLineFailure(await runCli(['vm', 'snapshot', 'delete', g.name, 'dup', '--bogus']), 2)).toMatch(/unknown option --bogus/);
    // A read-only connection: libvirt itself refuses.
    expect(expectOneLineFailure(await runCli(['--readonly', 'vm', 'snapshot', 'delete', g.name, 'dup']), 1)).toMatch(/read only access/);
    expect((await runCli(['vm', 'snapshot', 'delete', g.name, 'dup'])).code).toBe(0);
  });
});
