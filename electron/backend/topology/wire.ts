/**
 * Which networks, bridges and pools a machine is wired to, from its parsed
 * definition: pure, so the map's edges are tested without a host.
 */
import type { TopologyMachine } from '../../../shared/contract/topology.js';
import type { DomainModel } from '../xml/index.js';

/** A pool as far as wiring goes: its name and, for path-backed pools, the directory its volumes live in. */
export interface PoolPlace {
  name: string;
  targetPath?: string;
}

const unique = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/**
 * The pool a disk's storage is in: named by a type='volume' disk, else the
 * pool whose target directory holds the disk's path (the longest such
 * directory, should one pool sit inside another's).
 */
export function poolOfPath(path: string, pools: readonly PoolPlace[]): string | null {
  let best: PoolPlace | null = null;
  for (const p of pools) {
    if (!p.targetPath) continue;
    const dir = p.targetPath.endsWith('/') ? p.targetPath : `${p.targetPath}/`;
    if (path.startsWith(dir) && (!best || dir.length > (best.targetPath?.length ?? 0))) best = p;
  }
  return best?.name ?? null;
}

export function wireMachine(dom: DomainModel, pools: readonly PoolPlace[]): Pick<TopologyMachine, 'networks' | 'bridges' | 'pools'> {
  const networks: string[] = [];
  const bridges: string[] = [];
  for (const nic of dom.interfaces) {
    if (nic.type === 'network' && nic.source.network) networks.push(nic.source.network);
    else if (nic.type === 'bridge' && nic.source.bridge) bridges.push(nic.source.bridge);
  }
  const inPools: string[] = [];
  for (const disk of dom.disks) {
    if (disk.source.pool) inPools.push(disk.source.pool);
    else if (disk.path) {
      const pool = poolOfPath(disk.path, pools);
      if (pool) inPools.push(pool);
    }
  }
  return { networks: unique(networks), bridges: unique(bridges), pools: unique(inPools) };
}
