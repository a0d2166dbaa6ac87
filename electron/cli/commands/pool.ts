import {
  getStoragePoolAutostart,
  getStoragePoolInfo,
  isStoragePoolPersistent,
  listAllStoragePools,
  type RpcCaller,
  uuidToString,
} from '../../libvirt/index.js';
import { printJson, printTable } from '../output.js';

const POOL_STATES = ['inactive', 'building', 'running', 'degraded', 'inaccessible'] as const;

export async function listPools(c: RpcCaller, json: boolean): Promise<void> {
  const pools = await listAllStoragePools(c, 0);
  const rows = await Promise.all(
    pools.map(async (p) => {
      const [info, persistent, autostart] = await Promise.all([
        getStoragePoolInfo(c, p),
        isStoragePoolPersistent(c, p),
        getStoragePoolAutostart(c, p),
      ]);
      return {
        name: p.name,
        uuid: uuidToString(p.uuid),
        state: POOL_STATES[info.state] ?? 'unknown',
        capacity: info.capacity,
        allocation: info.allocation,
        available: info.available,
        persistent,
        autostart,
      };
    }),
  );
  rows.sort((a, b) => a.name.localeCompare(b.name));
  if (json) return printJson(rows);
  printTable(
    ['Name', 'State', 'Autostart', 'Capacity (bytes)', 'Available (bytes)'],
    rows.map((r) => [r.name, r.state, r.autostart ? 'yes' : 'no', String(r.capacity), String(r.available)]),
  );
}
