/**
 * One action over many machines, possibly on several hosts: each machine's
 * outcome is reported on its own and a failure never stops the rest. A few
 * run at once per call (libvirt answers several calls per connection at once).
 * Snapshots are not a bulk action yet: they belong to the snapshot service,
 * which adds its line to BULK_ACTIONS when it exists.
 */
import type { BulkAction, BulkOutput } from '../../../shared/contract/vm-lifecycle.js';
import type { AppErrorShape } from '../../../shared/types.js';
import type { RpcCaller } from '../../libvirt/index.js';
import { mapConcurrent } from '../util/concurrency.js';
import { actOnVm } from './act.js';
import { deleteVm } from './delete.js';

export interface BulkItem {
  connectionId: string;
  uuid: string;
  volumes?: string[];
}

export interface BulkOptions {
  withStorage: boolean;
  force: boolean;
}

type Run = (c: RpcCaller, item: BulkItem, opts: BulkOptions) => Promise<string>;

const BULK_ACTIONS: Record<BulkAction, Run> = {
  start: async (c, i) => (await actOnVm(c, i.connectionId, i.uuid, 'start')).name,
  shutdown: async (c, i) => (await actOnVm(c, i.connectionId, i.uuid, 'shutdown')).name,
  destroy: async (c, i) => (await actOnVm(c, i.connectionId, i.uuid, 'destroy')).name,
  delete: async (c, i, o) => (await deleteVm(c, i.uuid, { withStorage: o.withStorage, volumes: i.volumes ?? [], force: o.force })).name,
};

const IN_FLIGHT = 4;

export async function runBulk(
  action: BulkAction,
  items: BulkItem[],
  opts: BulkOptions,
  clientOf: (connectionId: string) => RpcCaller,
  toError: (e: unknown) => AppErrorShape,
): Promise<BulkOutput> {
  return mapConcurrent(items, IN_FLIGHT, async (item) => {
    try {
      const name = await BULK_ACTIONS[action](clientOf(item.connectionId), item, opts);
      return { connectionId: item.connectionId, uuid: item.uuid, name, ok: true, error: null };
    } catch (e) {
      return { connectionId: item.connectionId, uuid: item.uuid, name: null, ok: false, error: toError(e) };
    }
  });
}
