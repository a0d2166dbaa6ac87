/**
 * vm.* events into every cached VM list and detail: rows edited in place
 * (no refetch), lists of a host re-read when the backend says events were
 * missed, and a removed connection's own list dropped.
 */
import type { Query, QueryClient } from '@tanstack/react-query';
import type { Vm } from '../../../shared/types';
import { applyNow, defineCacheSync } from '../../api/cache-sync';
import { scopeOfVmListKey, vmKey, vmKeys } from './queries';

type VmRef = { connectionId: string; uuid: string };

export interface VmBatch {
  changed: Map<string, Vm>;
  removed: Map<string, VmRef>;
  invalidated: Set<string>;
  removedConnections: Set<string>;
}

export const emptyVmBatch = (): VmBatch => ({
  changed: new Map(),
  removed: new Map(),
  invalidated: new Set(),
  removedConnections: new Set(),
});

function editList(list: Vm[], scope: string, batch: VmBatch): Vm[] {
  let changed = false;
  const seen = new Set<string>();
  const next: Vm[] = [];
  for (const vm of list) {
    const key = vmKey(vm);
    if (batch.removed.has(key)) {
      changed = true;
      continue;
    }
    seen.add(key);
    const update = batch.changed.get(key);
    if (update && update !== vm) changed = true;
    next.push(update ?? vm);
  }
  for (const [key, vm] of batch.changed) {
    if (seen.has(key) || (scope !== 'all' && scope !== vm.connectionId)) continue;
    next.push(vm);
    changed = true;
  }
  return changed ? next : list;
}

export function applyVmBatch(client: QueryClient, batch: VmBatch): void {
  if (batch.changed.size > 0 || batch.removed.size > 0) {
    const lists: Query[] = client.getQueryCache().findAll({ queryKey: vmKeys.lists });
    for (const query of lists) {
      const scope = scopeOfVmListKey(query.queryKey);
      const list = query.state.data as Vm[] | undefined;
      if (!scope || !list) continue;
      const stale = query.state.isInvalidated;
      const next = editList(list, scope, batch);
      if (next !== list) {
        client.setQueryData(query.queryKey, next);
        // A list invalidated since it was read (a host connected, events were missed) is not the whole truth even
        // edited: it stays invalidated, so its next reader re-reads it (setQueryData alone would make it fresh).
        if (stale) void client.invalidateQueries({ queryKey: query.queryKey, exact: true, refetchType: 'none' });
      }
    }
    for (const vm of batch.changed.values()) {
      const key = vmKeys.detail(vm.connectionId, vm.uuid);
      if (client.getQueryData(key)) client.setQueryData(key, vm);
    }
    for (const ref of batch.removed.values()) client.removeQueries({ queryKey: vmKeys.detail(ref.connectionId, ref.uuid) });
  }
  for (const id of batch.removedConnections) client.removeQueries({ queryKey: vmKeys.list(id) });
  for (const id of batch.invalidated) void client.invalidateQueries({ queryKey: vmKeys.list(id) });
  if (batch.invalidated.size > 0 || batch.removedConnections.size > 0) void client.invalidateQueries({ queryKey: vmKeys.list('all') });
}

export const machinesCacheSync = defineCacheSync<VmBatch>({
  batch: emptyVmBatch,
  on: {
    'vm.changed': (b, vm) => {
      b.changed.set(vmKey(vm), vm);
      b.removed.delete(vmKey(vm));
    },
    'vm.removed': (b, ref) => {
      b.changed.delete(vmKey(ref));
      b.removed.set(vmKey(ref), ref);
    },
    'vms.invalidated': (b, { connectionId }) => {
      b.invalidated.add(connectionId);
    },
    'connection.removed': (b, { id }) => {
      b.removedConnections.add(id);
    },
  },
  flush: applyVmBatch,
});

/** A mutation's answer, written to the caches the way its event would be. */
export const upsertVmInCache = (client: QueryClient, vm: Vm) => applyNow(machinesCacheSync, client, 'vm.changed', vm);
