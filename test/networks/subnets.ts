/**
 * A /24 inside 10.213.0.0/16 that no network of the lab's host uses now (the
 * lab's own DHCP network holds 10.213.250.0/24), picked at random among the
 * free ones so concurrent runs rarely meet. Returns the first three octets.
 */
import { randomInt } from 'node:crypto';
import { api, type RpcCaller } from '../../electron/libvirt/index.js';

export async function freeSubnet(c: RpcCaller): Promise<string> {
  const used = new Set<number>([250]);
  for (const n of await api.listAllNetworks(c)) {
    const xml = await api.getNetworkXml(c, n).catch(() => '');
    for (const m of xml.matchAll(/address=['"]10\.213\.(\d+)\./g)) used.add(Number(m[1]));
  }
  const free = Array.from({ length: 249 }, (_, i) => i + 1).filter((o) => !used.has(o));
  if (free.length === 0) throw new Error('no free /24 left in 10.213.0.0/16');
  return `10.213.${free[randomInt(0, free.length)]}`;
}
