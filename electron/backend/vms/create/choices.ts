/**
 * vms.createChoices: the device choices the machine page already uses
 * (pools with their volumes, networks; ../choices.ts), each volume with its
 * size and format (a cloud image's overlay starts at its size; ISOs are
 * told apart by format), plus what the host's domain capabilities allow.
 */
import type { CreateChoices } from '../../../../shared/contract/vm-create.js';
import { api, type RpcCaller } from '../../../libvirt/index.js';
import { parseVolume } from '../../xml/index.js';
import { listDeviceChoices } from '../choices.js';
import { readHostFacts } from './host-facts.js';

async function describeVolume(c: RpcCaller, pool: string, name: string) {
  try {
    const vol = await api.lookupStorageVolumeByName(c, await api.lookupStoragePoolByName(c, pool), name);
    const v = parseVolume(await api.getStorageVolumeXml(c, vol));
    return { name, capacityBytes: v.capacityBytes ?? 0, format: v.format ?? 'raw' };
  } catch {
    return null; // deleted meanwhile
  }
}

export async function readCreateChoices(c: RpcCaller): Promise<CreateChoices> {
  const [devices, facts, domains] = await Promise.all([listDeviceChoices(c), readHostFacts(c), api.listAllDomains(c)]);
  const pools = await Promise.all(
    devices.pools.map(async (p) => ({
      ...p,
      volumes: (await Promise.all(p.volumes.map((v) => describeVolume(c, p.name, v)))).filter((v) => v !== null),
    })),
  );
  return {
    pools,
    networks: devices.networks,
    virtTypes: facts.virtTypes,
    defaultVirtType: facts.virtTypes[0]?.type ?? null,
    hostMemoryKiB: facts.memoryKiB,
    hostCpus: facts.cpus,
    takenNames: domains.map((d) => d.name).sort(),
  };
}
