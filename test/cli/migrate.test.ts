/**
 * `novacron vm migrate` and `novacron host evacuate` against the multi-host
 * lab: the built CLI as a user runs it, over SSH with the lab's client key
 * and the known_hosts that trusts the lab hosts; the outcome checked with
 * virsh on both hosts. Everything moved goes back home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { virsh } from '../helpers/lab.js';
import { host, hosts } from '../migration/hosts.js';
import { buildCli, removeDataDir, runCli } from './helpers.js';

const state = (uri: string, name: string) => {
  try {
    return virsh(['domstate', name], uri).trim();
  } catch {
    return 'absent';
  }
};

describe.skipIf(!hosts)('novacron vm migrate / host evacuate (multi-host lab)', () => {
  const ssh = (i: number) => ['--connect', host(i).ssh, '--keyfile', host(i).keyfile, '--known-hosts', host(i).knownHosts];
  const guest = () => host(0).runningGuest;

  beforeAll(() => buildCli());
  afterAll(() => {
    // home again, whatever a failed test left
    for (const h of [host(0), host(1)]) {
      for (const g of [h.runningGuest]) {
        const home = h === host(0) ? host(0) : host(1);
        const away = home === host(0) ? host(1) : host(0);
        if (state(away.tcp, g) === 'running') virsh(['migrate', '--live', '--persistent', '--undefinesource', g, home.tcp], away.tcp);
      }
    }
    removeDataDir();
  });

  it('migrates live over qemu+ssh with progress on stderr, and back', async () => {
    const to = await runCli(
      [...ssh(0), 'vm', 'migrate', guest(), '--to', host(1).ssh, '--live', '--auto-converge', '--max-downtime', '500'],
      120_000,
    );
    expect(to.stderr).toMatch(/novacron: preparing/);
    expect(to.code, to.stderr).toBe(0);
    expect(to.stdout).toMatch(new RegExp(`Domain '${guest()}' migrated to .*\\(live in [0-9.]+ s`));
    expect(state(host(1).tcp, guest())).toBe('running');
    expect(state(host(0).tcp, guest())).toBe('absent');
    const back = await runCli([...ssh(1), '--json', 'vm', 'migrate', guest(), '--to', host(0).ssh, '--live'], 120_000);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ name: guest(), mode: 'live' });
    expect(state(host(0).tcp, guest())).toBe('running');
  });

  it('refuses bad options before it connects anywhere, with a usage error', async () => {
    const r = await runCli([...ssh(0), 'vm', 'migrate', guest(), '--to', host(1).ssh, '--bandwidth', 'fast']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bandwidth needs a whole number/);
    const t = await runCli([...ssh(0), 'vm', 'migrate', guest(), '--to', host(1).ssh, '--tunnelled']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/--tunnelled needs --p2p/);
    const z = await runCli([...ssh(0), 'vm', 'migrate', guest()]);
    expect(z.code).toBe(2);
    expect(z.stderr).toMatch(/needs --to/);
    expect(state(host(0).tcp, guest())).toBe('running');
  });

  it('evacuates a host to the listed one and reports each machine', async () => {
    const r = await runCli([...ssh(0), 'host', 'evacuate', host(0).ssh, '--to', host(1).ssh, '--live'], 180_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${guest()}: moved to ${host(1).ssh}`);
    expect(state(host(1).tcp, guest())).toBe('running');
    expect(virsh(['list', '--name'], host(0).tcp).trim()).toBe('');
    const back = await runCli([...ssh(1), 'vm', 'migrate', guest(), '--to', host(0).ssh, '--live'], 120_000);
    expect(back.code, back.stderr).toBe(0);
  });
});
