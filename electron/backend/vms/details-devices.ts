/**
 * The disks and NICs of vms.details: each disk with the pool volume behind it
 * and its sizes, each NIC with the IP addresses whichever of libvirt's three
 * sources (DHCP leases, guest agent, ARP) answered.
 */
import type { IpAddress, VmDisk, VmNic } from '../../../shared/contract/vm-details.js';
import { api, InterfaceAddressesSource, IpAddrType, type Dom, type RpcCaller, type Vol } from '../../libvirt/index.js';
import type { DiskModel, InterfaceModel } from '../xml/index.js';

/** The pool volume behind a disk, or null (a file outside any pool, a network disk, an empty drive). */
export async function findDiskVolume(c: RpcCaller, d: DiskModel): Promise<Vol | null> {
  try {
    if (d.path) return await api.lookupStorageVolumeByPath(c, d.path);
    if (d.source.pool && d.source.volume) {
      return await api.lookupStorageVolumeByName(c, await api.lookupStoragePoolByName(c, d.source.pool), d.source.volume);
    }
  } catch {
    // not a volume of any active pool
  }
  return null;
}

function sourceText(d: DiskModel): string | null {
  if (d.path) return d.path;
  if (d.source.pool && d.source.volume) return `${d.source.pool}/${d.source.volume}`;
  if (d.source.name) return `${d.source.protocol ?? 'network'}:${d.source.name}`;
  return null;
}

async function readSizes(
  c: RpcCaller,
  dom: Dom,
  d: DiskModel,
  vol: Vol | null,
): Promise<{ capacity: number | null; allocation: number | null }> {
  try {
    if (vol) {
      const info = await api.getStorageVolumeInfo(c, vol);
      return { capacity: Number(info.capacity), allocation: Number(info.allocation) };
    }
    if (sourceText(d) !== null) {
      const info = await api.getBlockInfo(c, dom, d.targetDev);
      return { capacity: Number(info.capacity), allocation: Number(info.allocation) };
    }
  } catch {
    // the image is unreadable or gone: the sizes are unknown, the rest still shows
  }
  return { capacity: null, allocation: null };
}

export async function describeDisk(c: RpcCaller, dom: Dom, d: DiskModel): Promise<VmDisk> {
  const vol = await findDiskVolume(c, d);
  const sizes = await readSizes(c, dom, d, vol);
  return {
    target: d.targetDev,
    bus: d.targetBus ?? null,
    device: d.device,
    source: sourceText(d),
    pool: vol?.pool ?? null,
    volume: vol?.name ?? null,
    format: d.format ?? null,
    ...sizes,
    readonly: d.readonly,
  };
}

const SOURCES = [
  ['lease', InterfaceAddressesSource.LEASE],
  ['agent', InterfaceAddressesSource.AGENT],
  ['arp', InterfaceAddressesSource.ARP],
] as const;

/** Every address any source reported, keyed by lower-case MAC; a source that fails (no agent, say) adds nothing. */
async function readAddresses(c: RpcCaller, dom: Dom): Promise<Map<string, IpAddress[]>> {
  const byMac = new Map<string, IpAddress[]>();
  const answers = await Promise.all(
    SOURCES.map(([name, code]) =>
      api.getInterfaceAddresses(c, dom, code).then(
        (r) => ({ name, r }),
        () => null,
      ),
    ),
  );
  for (const a of answers) {
    if (!a) continue;
    for (const iface of a.r) {
      if (!iface.hwaddr) continue;
      const list = byMac.get(iface.hwaddr.toLowerCase()) ?? [];
      for (const ad of iface.addrs) {
        if (list.some((x) => x.address === ad.addr && x.source === a.name)) continue;
        list.push({ address: ad.addr, prefix: ad.prefix, family: ad.type === IpAddrType.IPV6 ? 'ipv6' : 'ipv4', source: a.name });
      }
      byMac.set(iface.hwaddr.toLowerCase(), list);
    }
  }
  return byMac;
}

export async function describeNics(c: RpcCaller, dom: Dom, nics: InterfaceModel[], running: boolean): Promise<VmNic[]> {
  const addresses = running && nics.length > 0 ? await readAddresses(c, dom) : new Map<string, IpAddress[]>();
  return nics.map((n) => ({
    mac: n.mac ?? null,
    type: n.type,
    model: n.model ?? null,
    network: n.source.network ?? null,
    bridge: n.source.bridge ?? null,
    hostDevice: n.targetDev ?? null,
    addresses: n.mac ? (addresses.get(n.mac.toLowerCase()) ?? []) : [],
  }));
}
