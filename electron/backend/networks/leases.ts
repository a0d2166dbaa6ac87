/**
 * The DHCP lease table with the machine behind each lease. libvirt's leases
 * carry a MAC and the guest's own claimed hostname (anything it likes), so the
 * owner is the machine with a NIC of that MAC: a pure match, unit-tested.
 */
import type { AttachedMachine, DhcpLease } from '../../../shared/contract/networks.js';
import type { DhcpLease as LibvirtLease } from '../../libvirt/index.js';

/** What the match needs of a lease: libvirt's, already in plain numbers. */
export interface LeaseRow {
  mac: string | null;
  ip: string;
  prefix: number;
  hostname: string | null;
  expiresAt: number;
}

export function toLeaseRow(l: LibvirtLease): LeaseRow {
  return { mac: l.mac, ip: l.ipaddr, prefix: l.prefix, hostname: l.hostname, expiresAt: Number(l.expirytime) * 1000 };
}

/**
 * Each lease with the machine holding its MAC (compared case-insensitively), or
 * null. Sorted by address, numerically, so .9 comes before .10.
 */
export function matchLeaseOwners(
  leases: readonly LeaseRow[],
  machines: readonly Pick<AttachedMachine, 'uuid' | 'name' | 'macs'>[],
): DhcpLease[] {
  const byMac = new Map<string, { uuid: string; name: string }>();
  for (const m of machines) for (const mac of m.macs) byMac.set(mac.toLowerCase(), { uuid: m.uuid, name: m.name });
  return leases.map((l) => ({ ...l, machine: (l.mac && byMac.get(l.mac.toLowerCase())) || null })).sort((a, b) => compareIps(a.ip, b.ip));
}

function compareIps(a: string, b: string): number {
  const parts = (ip: string) => (ip.includes(':') ? ip.split(':').map((p) => parseInt(p || '0', 16)) : ip.split('.').map(Number));
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return a.localeCompare(b);
}
