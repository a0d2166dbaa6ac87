/** Reading every machine's domain XML of a host, for volumeUsers (users.ts). */
import { api, DomainXmlFlags, isNoDomain, uuidToString, type RpcCaller } from '../../libvirt/index.js';
import { mapConcurrent } from '../util/concurrency.js';
import type { MachineXml } from './users.js';

/** The running definition of each running machine and the next-boot one of each persistent machine. */
export async function readMachineXml(c: RpcCaller): Promise<MachineXml[]> {
  const doms = await api.listAllDomains(c);
  const read = await mapConcurrent(doms, 16, async (d): Promise<MachineXml | null> => {
    try {
      const [active, persistent] = await Promise.all([api.isDomainActive(c, d), api.isDomainPersistent(c, d)]);
      const xml = await Promise.all([
        ...(active ? [api.getDomainXml(c, d, 0)] : []),
        ...(persistent ? [api.getDomainXml(c, d, DomainXmlFlags.INACTIVE)] : []),
      ]);
      return { uuid: uuidToString(d.uuid), name: d.name, running: active, xml };
    } catch (e) {
      if (isNoDomain(e)) return null; // deleted since the listing
      throw e;
    }
  });
  return read.filter((m): m is MachineXml => m !== null);
}
