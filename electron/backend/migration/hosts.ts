/** What an evacuation needs to know of the hosts: the machines running on one, and the others' free memory. */
import { api, ListAllDomainsFlags, uuidToString, type RpcCaller } from '../../libvirt/index.js';
import type { Candidate, Evacuee } from './evacuate.js';

/** The running machines of a host, with their current memory. */
export async function listEvacuees(c: RpcCaller): Promise<Evacuee[]> {
  const doms = await api.listAllDomains(c, ListAllDomainsFlags.ACTIVE);
  const out: Evacuee[] = [];
  for (const d of doms) {
    const info = await api.getDomainInfo(c, d).catch(() => null);
    if (!info) continue; // gone meanwhile
    out.push({ uuid: uuidToString(d.uuid), name: d.name, memoryKiB: Number(info.memoryKiB) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface HostRef {
  connectionId: string;
  name: string;
  client: RpcCaller;
  maintenance: boolean;
}

/** The hosts that could take machines, with their free memory now (a host that does not answer is left out). */
export async function readCandidates(hosts: readonly HostRef[]): Promise<Candidate[]> {
  const out = await Promise.all(
    hosts.map(async (h) => {
      const free = await api.getNodeFreeMemory(h.client).catch(() => null);
      return free === null
        ? null
        : { connectionId: h.connectionId, name: h.name, freeMemoryKiB: Number(free / 1024n), maintenance: h.maintenance };
    }),
  );
  return out.filter((c): c is Candidate => c !== null);
}
