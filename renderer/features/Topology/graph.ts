/**
 * The Topology map's graph, pure: hosts, their networks, bridges and pools,
 * and their machines, with edges host→network/pool, NIC→network/bridge and
 * disk→pool. A host with more machines than MACHINES_SHOWN has them grouped
 * by network ("312 machines on default") until the group is expanded, so 20
 * hosts with 2,000 machines draw as a few hundred nodes, never a hairball.
 */
import type { HostTopology, TopologyMachine } from '../../../shared/contract/topology';
import type { VmState } from '../../../shared/types';
import { hostPath, machinePath, networkPath, poolPath } from '../../app/paths';

/** Machines drawn one by one on a host (or in an expanded group) before they are grouped. */
export const MACHINES_SHOWN = 40;
/** An expanded group draws at most this many machines; the rest stay counted on the group node. */
export const GROUP_EXPANDED_MAX = 200;

export type NodeKind = 'host' | 'network' | 'bridge' | 'pool' | 'machine' | 'group';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  connectionId: string;
  /** running, shutoff… for machines; active/inactive for networks and pools; up/error for hosts; the group's count. */
  status: string;
  /** Where a click goes; groups expand instead. */
  path?: string;
  /** For groups: how many machines they stand for. */
  count?: number;
}

export interface GraphLink {
  source: string;
  target: string;
}

export interface Graph {
  nodes: GraphNode[];
  links: GraphLink[];
  /** Machines on the map, drawn or inside a group. */
  machines: number;
}

export interface GraphInput {
  hosts: readonly HostTopology[];
  /** Display names of hosts by connection id. */
  hostNames: ReadonlyMap<string, string>;
  /** Live states by `${connectionId}/${uuid}` (the Machines list), newer than the topology's. */
  liveStates?: ReadonlyMap<string, VmState>;
  /** Expanded group ids. */
  expanded?: ReadonlySet<string>;
  /** Only this host, when set. */
  host?: string | null;
}

const hostId = (c: string) => `host:${c}`;
const netId = (c: string, n: string) => `net:${c}:${n}`;
const bridgeId = (c: string, b: string) => `br:${c}:${b}`;
const poolId = (c: string, p: string) => `pool:${c}:${p}`;
const machineId = (c: string, uuid: string) => `vm:${c}:${uuid}`;
export const groupId = (c: string, network: string | null) => `group:${c}:${network ?? ''}`;

/** The network a machine is grouped under: its first one, else its first bridge, else none. */
const groupKey = (m: TopologyMachine): string | null => m.networks[0] ?? (m.bridges[0] ? `bridge ${m.bridges[0]}` : null);

export function buildGraph(input: GraphInput): Graph {
  const nodes: GraphNode[] = [];
  const links: GraphLink[] = [];
  const seen = new Set<string>();
  const add = (n: GraphNode) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    nodes.push(n);
  };
  const link = (source: string, target: string) => {
    if (seen.has(source) && seen.has(target)) links.push({ source, target });
  };
  let machines = 0;

  for (const h of input.hosts) {
    if (input.host && h.connectionId !== input.host) continue;
    const c = h.connectionId;
    add({
      id: hostId(c),
      kind: 'host',
      label: input.hostNames.get(c) ?? c,
      connectionId: c,
      status: h.error ? 'error' : 'up',
      path: hostPath(c),
    });
    for (const n of h.networks) {
      add({
        id: netId(c, n.name),
        kind: 'network',
        label: n.name,
        connectionId: c,
        status: n.active ? 'active' : 'inactive',
        path: networkPath(c, n.name),
      });
      link(hostId(c), netId(c, n.name));
    }
    for (const p of h.pools) {
      add({
        id: poolId(c, p.name),
        kind: 'pool',
        label: p.name,
        connectionId: c,
        status: p.active ? 'active' : 'inactive',
        path: poolPath(c, p.name),
      });
      link(hostId(c), poolId(c, p.name));
    }
    const ensureBridge = (b: string) => {
      if (!seen.has(bridgeId(c, b))) {
        add({ id: bridgeId(c, b), kind: 'bridge', label: b, connectionId: c, status: 'active' });
        link(hostId(c), bridgeId(c, b));
      }
    };
    const wire = (from: string, m: TopologyMachine) => {
      for (const n of m.networks) link(from, netId(c, n));
      for (const b of m.bridges) {
        ensureBridge(b);
        link(from, bridgeId(c, b));
      }
      for (const p of m.pools) link(from, poolId(c, p));
    };
    const drawMachine = (m: TopologyMachine) => {
      const id = machineId(c, m.uuid);
      add({
        id,
        kind: 'machine',
        label: m.name,
        connectionId: c,
        status: input.liveStates?.get(`${c}/${m.uuid}`) ?? m.state,
        path: machinePath(c, m.uuid),
      });
      wire(id, m);
      // A machine on no network and no pool still hangs off its host.
      if (m.networks.length + m.bridges.length + m.pools.length === 0) link(hostId(c), id);
    };

    machines += h.machines.length;
    if (h.machines.length <= MACHINES_SHOWN) {
      for (const m of h.machines) drawMachine(m);
      continue;
    }
    const groups = new Map<string | null, TopologyMachine[]>();
    for (const m of h.machines) {
      const k = groupKey(m);
      const list = groups.get(k);
      if (list) list.push(m);
      else groups.set(k, [m]);
    }
    for (const [k, members] of groups) {
      const gid = groupId(c, k);
      const expanded = input.expanded?.has(gid) ?? false;
      if (expanded) for (const m of members.slice(0, GROUP_EXPANDED_MAX)) drawMachine(m);
      const hidden = expanded ? members.length - Math.min(members.length, GROUP_EXPANDED_MAX) : members.length;
      const running = members.filter((m) => (input.liveStates?.get(`${c}/${m.uuid}`) ?? m.state) === 'running').length;
      const where = k ? ` on ${k}` : '';
      add({
        id: gid,
        kind: 'group',
        label: expanded
          ? `${members.length} machines${where}${hidden > 0 ? ` (+${hidden} not drawn)` : ''} · collapse`
          : `${members.length} machines${where} · ${running} running`,
        connectionId: c,
        status: expanded ? 'expanded' : 'collapsed',
        count: members.length,
      });
      if (expanded) {
        // Its members carry their own edges; the group node stays, hung off its host, to collapse them again.
        link(hostId(c), gid);
        continue;
      }
      // A collapsed group carries its members' edges, once each.
      const nets = new Set(members.flatMap((m) => m.networks));
      const bridges = new Set(members.flatMap((m) => m.bridges));
      const pools = new Set(members.flatMap((m) => m.pools));
      for (const n of nets) link(gid, netId(c, n));
      for (const b of bridges) {
        ensureBridge(b);
        link(gid, bridgeId(c, b));
      }
      for (const p of pools) link(gid, poolId(c, p));
      if (nets.size + bridges.size + pools.size === 0) link(hostId(c), gid);
    }
  }
  return { nodes, links, machines };
}

/** A machine's wiring in words, for the side panel: which host, networks, bridges and pools. */
export function findMachines(hosts: readonly HostTopology[], query: string, limit = 8): Array<TopologyMachine & { connectionId: string }> {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: Array<TopologyMachine & { connectionId: string }> = [];
  for (const h of hosts) {
    for (const m of h.machines) {
      if (m.name.toLowerCase().includes(q)) out.push({ ...m, connectionId: h.connectionId });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
