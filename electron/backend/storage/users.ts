/**
 * Which machines use which volume: a pure function over the machines' domain
 * XML (their running and next-boot definitions) and a pool's volumes. A disk
 * uses a volume by path or by <source pool= volume=>; a machine whose disk is
 * an overlay of another volume of the pool uses that one too (through the overlay).
 */
import type { VolumeUser } from '../../../shared/contract/storage.js';
import { parseDomain } from '../xml/index.js';

export interface MachineXml {
  uuid: string;
  name: string;
  running: boolean;
  /** Each definition to consider: the live one of a running machine, the persistent one. Unparsable ones are skipped. */
  xml: readonly string[];
}

export interface VolumeRef {
  pool: string;
  name: string;
  path: string;
  backingPath: string | null;
}

function directUsers(machines: readonly MachineXml[], v: VolumeRef): VolumeUser[] {
  const users: VolumeUser[] = [];
  for (const m of machines) {
    const targets = new Set<string>();
    for (const xml of m.xml) {
      let disks;
      try {
        disks = parseDomain(xml).disks;
      } catch {
        continue; // a definition NovaCron cannot read names no volume it could match
      }
      for (const d of disks) {
        const byPath = d.path !== undefined && d.path === v.path;
        const byName = d.source.pool === v.pool && d.source.volume === v.name;
        if (byPath || byName) targets.add(d.targetDev);
      }
    }
    for (const target of [...targets].sort()) users.push({ uuid: m.uuid, name: m.name, target });
  }
  return users;
}

/** The users of every volume, by volume name; each volume's list sorted by machine name then target. */
export function volumeUsers(machines: readonly MachineXml[], volumes: readonly VolumeRef[]): Map<string, VolumeUser[]> {
  const direct = new Map(volumes.map((v) => [v.name, directUsers(machines, v)]));
  const byPath = new Map(volumes.map((v) => [v.path, v]));
  const out = new Map<string, VolumeUser[]>();
  for (const v of volumes) {
    const users = [...direct.get(v.name)!];
    // Walk down the overlays' chains: every overlay above v lends its users to v.
    for (const overlay of volumes) {
      const seen = new Set<string>();
      let below = overlay.backingPath !== null ? byPath.get(overlay.backingPath) : undefined;
      while (below && !seen.has(below.name)) {
        seen.add(below.name);
        if (below.name === v.name && overlay.name !== v.name) {
          for (const u of direct.get(overlay.name)!) users.push({ ...u, via: overlay.name });
          break;
        }
        below = below.backingPath !== null ? byPath.get(below.backingPath) : undefined;
      }
    }
    users.sort((a, b) => a.name.localeCompare(b.name) || a.target.localeCompare(b.target) || (a.via ?? '').localeCompare(b.via ?? ''));
    out.set(v.name, users);
  }
  return out;
}

/** "nc-guest-1 (vda), web (vdb via web-overlay.qcow2)": for refusals. */
export function describeUsers(users: readonly VolumeUser[]): string {
  return users.map((u) => `${u.name} (${u.target}${u.via ? ` via ${u.via}` : ''})`).join(', ');
}

export interface PoolUser {
  uuid: string;
  name: string;
  target: string;
  /** The disk's path or pool/volume. */
  source: string;
}

/**
 * The machines with a disk in the pool: by <source pool=>, by one of its
 * volumes' paths, or by a path below its target directory (which also finds
 * them while the pool is stopped and lists no volumes).
 */
export function poolUsers(
  machines: readonly MachineXml[],
  pool: { name: string; targetPath: string | null; volumePaths: readonly string[] },
): PoolUser[] {
  const paths = new Set(pool.volumePaths);
  const below = pool.targetPath ? `${pool.targetPath.replace(/\/+$/, '')}/` : null;
  const users: PoolUser[] = [];
  for (const m of machines) {
    const seen = new Set<string>();
    for (const xml of m.xml) {
      let disks;
      try {
        disks = parseDomain(xml).disks;
      } catch {
        continue;
      }
      for (const d of disks) {
        const hit =
          d.source.pool === pool.name || (d.path !== undefined && (paths.has(d.path) || (below !== null && d.path.startsWith(below))));
        if (!hit || seen.has(d.targetDev)) continue;
        seen.add(d.targetDev);
        users.push({ uuid: m.uuid, name: m.name, target: d.targetDev, source: d.path ?? `${d.source.pool}/${d.source.volume}` });
      }
    }
  }
  return users.sort((a, b) => a.name.localeCompare(b.name) || a.target.localeCompare(b.target));
}

/** "web (vda: /pool/web.qcow2)": for refusals. */
export function describePoolUsers(users: readonly PoolUser[]): string {
  return users.map((u) => `${u.name} (${u.target}: ${u.source})`).join(', ');
}
