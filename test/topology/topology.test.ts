/**
 * topology.get against the lab: a throwaway machine wired to the lab's
 * network and pool as virsh reports them, the running guest's state, and the
 * 1,000-domain test host read whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostTopology } from '../../shared/contract/topology.js';
import type { LibvirtClient } from '../../electron/libvirt/index.js';
import { removeDir, startTestBackend, type TestBackend } from '../backend/helpers.js';
import { connectLab, lab, requireLab, virsh } from '../helpers/lab.js';
import { makeGuest, type Guest } from '../helpers/throwaway-guest.js';

describe.skipIf(!lab)('topology', () => {
  let c: LibvirtClient;
  let t: TestBackend;
  let system: string;
  let testHost: string;
  let guest: Guest;

  beforeAll(async () => {
    c = await connectLab('system');
    guest = await makeGuest(c, 'topo');
    // Throwaway guests have no NIC: one on the lab's isolated network, in the definition only.
    virsh(['attach-interface', guest.name, 'network', requireLab().network, '--config']);
    t = await startTestBackend();
    system = (await t.call('connections.add', { name: 'lab', uri: requireLab().system })).id;
    testHost = (await t.call('connections.add', { name: 'test host', uri: requireLab().testHost })).id;
    await t.call('connections.connect', { id: system });
    await t.call('connections.connect', { id: testHost });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await guest?.remove();
    await c?.close();
    if (t) await removeDir(t.dataDir);
  });

  const hostOf = (all: HostTopology[], id: string) => {
    const h = all.find((x) => x.connectionId === id);
    if (!h) throw new Error(`no topology for ${id}`);
    return h;
  };

  it('wires a machine to the networks and pools virsh names for it', async () => {
    const l = requireLab();
    const [h] = await t.call('topology.get', { connectionId: system });
    expect(h!.error).toBeNull();
    const m = h!.machines.find((x) => x.uuid === guest.uuid);
    expect(m).toBeDefined();
    // virsh's view of the same machine: the networks of its NICs, the pool of its disk's path.
    const nets = virsh(['domiflist', guest.name])
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[1] === 'network')
      .map((f) => f[2]!);
    expect(m!.networks).toEqual([...new Set(nets)].sort());
    expect(m!.networks).toContain(l.network);
    expect(m!.pools).toEqual([l.pool]);
    expect(m!.state).toBe('shutoff');
    expect(h!.networks.find((n) => n.name === l.network)).toMatchObject({ bridge: l.bridge, active: true });
    expect(h!.pools.find((p) => p.name === l.pool)).toMatchObject({ type: 'dir', active: true });
    expect(h!.machines.find((x) => x.name === l.runningGuest)?.state).toBe('running');
    // Every machine virsh lists is on the map, and nothing else.
    const names = virsh(['list', '--all', '--name']).trim().split('\n').filter(Boolean).sort();
    expect(h!.machines.map((x) => x.name).sort()).toEqual(names);
  });

  it('reads every connected host at once, the 1,000-domain test host whole', async () => {
    const all = await t.call('topology.get', {});
    expect(all.map((h) => h.connectionId).sort()).toEqual([system, testHost].sort());
    const big = hostOf(all, testHost);
    expect(big.error).toBeNull();
    const count = virsh(['list', '--all', '--name'], requireLab().testHost).trim().split('\n').filter(Boolean).length;
    expect(big.machines).toHaveLength(count);
    expect(count).toBeGreaterThanOrEqual(1000);
    const running = virsh(['list', '--name'], requireLab().testHost).trim().split('\n').filter(Boolean).length;
    expect(big.machines.filter((m) => m.state === 'running')).toHaveLength(running);
  });

  it('refuses an unknown connection with a clear error', async () => {
    await expect(t.call('topology.get', { connectionId: 'nope' })).rejects.toThrow(/No such connection/);
  });
});
