/** What a new disk or NIC can come from on one host: its pools (with their volumes) and networks. */
import { api, type RpcCaller } from '../../libvirt/index.js';

export async function listDeviceChoices(c: RpcCaller) {
  const [pools, nets] = await Promise.all([api.listAllStoragePools(c), api.listAllNetworks(c)]);
  return {
    pools: await Promise.all(
      pools.map(async (p) => {
        const [active, info] = await Promise.all([api.isStoragePoolActive(c, p), api.getStoragePoolInfo(c, p)]);
        const volumes = active ? (await api.listStorageVolumes(c, p).catch(() => [])).map((v) => v.name).sort() : [];
        return { name: p.name, active, availableBytes: Number(info.available), volumes };
      }),
    ),
    networks: await Promise.all(nets.map(async (n) => ({ name: n.name, active: await api.isNetworkActive(c, n) }))),
  };
}
