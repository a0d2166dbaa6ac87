import {
  getNetworkAutostart,
  getNetworkBridgeName,
  isNetworkActive,
  isNetworkPersistent,
  isNoSupport,
  listAllNetworks,
  type RpcCaller,
  uuidToString,
} from '../../libvirt/index.js';
import { printJson, printTable } from '../output.js';

export async function listNetworks(c: RpcCaller, json: boolean): Promise<void> {
  const nets = await listAllNetworks(c, 0);
  const rows = await Promise.all(
    nets.map(async (n) => {
      const [active, persistent, autostart, bridge] = await Promise.all([
        isNetworkActive(c, n),
        isNetworkPersistent(c, n),
        getNetworkAutostart(c, n),
        // Some drivers (and networks without a bridge) have none to report.
        getNetworkBridgeName(c, n).catch((e: unknown) => (isNoSupport(e) ? null : Promise.reject(e))),
      ]);
      return { name: n.name, uuid: uuidToString(n.uuid), active, persistent, autostart, bridge };
    }),
  );
  rows.sort((a, b) => a.name.localeCompare(b.name));
  if (json) return printJson(rows);
  printTable(
    ['Name', 'State', 'Autostart', 'Persistent', 'Bridge'],
    rows.map((r) => [r.name, r.active ? 'active' : 'inactive', r.autostart ? 'yes' : 'no', r.persistent ? 'yes' : 'no', r.bridge ?? '-']),
  );
}
