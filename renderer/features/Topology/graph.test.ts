/** The map's graph: edges from the wiring, live states, grouping of big hosts, expanding a group, the host filter. */
import { describe, expect, it } from 'vitest';
import type { HostTopology, TopologyMachine } from '../../../shared/contract/topology';
import { GROUP_EXPANDED_MAX, MACHINES_SHOWN, buildGraph, findMachines, groupId } from './graph';

const machine = (i: number, over: Partial<TopologyMachine> = {}): TopologyMachine => ({
  uuid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
  name: `vm${i}`,
  state: 'shutoff',
  networks: ['default'],
  bridges: [],
  pools: ['images'],
  ...over,
});

const host = (id: string, machines: TopologyMachine[]): HostTopology => ({
  connectionId: id,
  networks: [
    { name: 'default', bridge: 'virbr0', active: true },
    { name: 'lab', bridge: 'virbr1', active: false },
  ],
  pools: [{ name: 'images', type: 'dir', active: true }],
  machines,
  error: null,
});

const names = new Map([
  ['a', 'alpha'],
  ['b', 'beta'],
]);

describe('topology graph', () => {
  it('draws a small host whole: NIC→network, bridge, disk→pool edges, live states over stale ones', () => {
    const m1 = machine(1, { networks: ['default', 'lab'], state: 'shutoff' });
    const m2 = machine(2, { networks: [], bridges: ['br0'], pools: [] });
    const m3 = machine(3, { networks: [], pools: [] });
    const g = buildGraph({ hosts: [host('a', [m1, m2, m3])], hostNames: names, liveStates: new Map([[`a/${m1.uuid}`, 'running']]) });
    const node = (id: string) => g.nodes.find((n) => n.id === id);
    expect(node('host:a')).toMatchObject({ label: 'alpha', status: 'up', path: '#/hosts/a' });
    expect(node('net:a:lab')).toMatchObject({ status: 'inactive', path: '#/networks/a/lab' });
    expect(node(`vm:a:${m1.uuid}`)).toMatchObject({ status: 'running', label: 'vm1' });
    const edges = new Set(g.links.map((l) => `${l.source}>${l.target}`));
    expect(edges).toContain(`vm:a:${m1.uuid}>net:a:default`);
    expect(edges).toContain(`vm:a:${m1.uuid}>net:a:lab`);
    expect(edges).toContain(`vm:a:${m1.uuid}>pool:a:images`);
    expect(edges).toContain(`vm:a:${m2.uuid}>br:a:br0`);
    expect(edges).toContain('host:a>br:a:br0');
    // Wired to nothing: hung off its host rather than floating.
    expect(edges).toContain(`host:a>vm:a:${m3.uuid}`);
    expect(g.machines).toBe(3);
  });

  it('groups a big host by network until a group is expanded, and filters by host', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      machine(i, { networks: [i % 4 === 0 ? 'lab' : 'default'], state: i % 2 ? 'running' : 'shutoff' }),
    );
    const hosts = Array.from({ length: 20 }, (_, h) => host(`h${h}`, many));
    const g = buildGraph({ hosts, hostNames: names });
    expect(g.machines).toBe(20_000);
    // Per host: itself, 2 networks, 1 pool, 2 groups.
    expect(g.nodes).toHaveLength(20 * 6);
    const group = g.nodes.find((n) => n.id === groupId('h0', 'default'))!;
    expect(group).toMatchObject({ kind: 'group', count: 750, status: 'collapsed' });
    expect(group.label).toBe('750 machines on default · 500 running');

    const open = buildGraph({ hosts, hostNames: names, expanded: new Set([groupId('h0', 'lab')]), host: 'h0' });
    // 250 on "lab": the first GROUP_EXPANDED_MAX drawn, the rest counted on the group node.
    expect(open.nodes.filter((n) => n.kind === 'machine')).toHaveLength(GROUP_EXPANDED_MAX);
    expect(open.nodes.find((n) => n.id === groupId('h0', 'lab'))?.label).toBe('250 machines on lab (+50 not drawn) · collapse');
    expect(open.nodes.every((n) => n.connectionId === 'h0')).toBe(true);
    expect(open.nodes.find((n) => n.id === groupId('h0', 'lab'))?.status).toBe('expanded');
    expect(MACHINES_SHOWN).toBeLessThan(250);
  });

  it('finds machines by name across hosts, and nothing for an empty query', () => {
    const hosts = [host('a', [machine(1), machine(12)]), host('b', [machine(21)])];
    expect(findMachines(hosts, 'vm1').map((m) => `${m.connectionId}/${m.name}`)).toEqual(['a/vm1', 'a/vm12']);
    expect(findMachines(hosts, '  ')).toEqual([]);
  });
});
