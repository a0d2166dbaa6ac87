/** Pure-ish cache edits for a batch of backend events (see event-sync.ts). */
import type { Query, QueryClient } from '@tanstack/react-query';
import type { Connection, Vm } from '../../shared/types';
import { queryKeys, scopeOfVmListKey } from './queries';

type VmRef = { connectionId: string; uuid: string };

export interface Batch {
  connections: Map<string, Connection>;
  removedConnections: Set<string>;
  vms: Map<string, Vm>;
  removedVms: Map<string, VmRef>;
  invalidated: Set<string>;
}

export const emptyBatch = (): Batch => ({
  connections: new Map(),
  removedConnections: new Set(),
  vms: new Map(),
  removedVms: new Map(),
  invalidated: new Set(),
});

export const vmKey = (v: VmRef): string => `${v.connectionId}/${v.uuid}`;

export function applyConnectionChanges(client: QueryClient, batch: Batch): void {
  if (batch.connections.size === 0 && batch.removedConnections.size === 0) return;
  const before = client.getQueryData<Connection[]>(queryKeys.connections);
  // Connecting or disconnecting a host changes which VMs "all hosts" lists hold.
  const linkChanged = new Set<string>(batch.removedConnections);
  for (const c of batch.connections.values()) {
    const old = before?.find((o) => o.id === c.id);
    if ((old?.state === 'connected') !== (c.state === 'connected')) linkChanged.add(c.id);
  }
  if (before) {
    const seen = new Set<string>();
    const next = before
      .filter((c) => !batch.removedConnections.has(c.id))
      .map((c) => {
        seen.add(c.id);
        return batch.connections.get(c.id) ?? c;
      });
    for (const c of batch.connections.values()) if (!seen.has(c.id)) next.push(c);
    client.setQueryData(queryKeys.connections, next);
  }
  for (const id of linkChanged) batch.invalidated.add(id);
}

function vmListQueries(client: QueryClient): Query[] {
  return client.getQueryCache().findAll({ queryKey: queryKeys.vmLists });
}

function editList(list: Vm[], scope: string, batch: Batch): Vm[] {
  let changed = false;
  const seen = new Set<string>();
  const next: Vm[] = [];
  for (const vm of list) {
    const key = vmKey(vm);
    if (batch.removedVms.has(key)) {
      changed = true;
      continue;
    }
    seen.add(key);
    const update = batch.vms.get(key);
    if (update && update !== vm) changed = true;
    next.push(update ?? vm);
  }
  for (const [key, vm] of batch.vms) {
    if (seen.has(key) || (scope !== 'all' && scope !== vm.connectionId)) continue;
    next.push(vm);
    changed = true;
  }
  return changed ? next : list;
}

export function applyVmChanges(client: QueryClient, batch: Batch): void {
  if (batch.vms.size > 0 || batch.removedVms.size > 0) {
    for (const query of vmListQueries(client)) {
      const scope = scopeOfVmListKey(query.queryKey);
      const list = query.state.data as Vm[] | undefined;
      if (!scope || !list) continue;
      const next = editList(list, scope, batch);
      if (next !== list) client.setQueryData(query.queryKey, next);
    }
    for (const vm of batch.vms.values()) {
      const key = queryKeys.vmDetail(vm.connectionId, vm.uuid);
      if (client.getQueryData(key)) client.setQueryData(key, vm);
    }
    for (const ref of batch.removedVms.values()) {
      client.removeQueries({ queryKey: queryKeys.vmDetail(ref.connectionId, ref.uuid) });
    }
  }
  for (const connectionId of batch.invalidated) {
    void client.invalidateQueries({ queryKey: queryKeys.vmList(connectionId) });
  }
  if (batch.invalidated.size > 0) void client.invalidateQueries({ queryKey: queryKeys.vmList('all') });
}

/** A mutation's answer, written to the caches the way an event would be. */
export function upsertVmInCache(client: QueryClient, vm: Vm): void {
  const batch = emptyBatch();
  batch.vms.set(vmKey(vm), vm);
  applyVmChanges(client, batch);
}

export function upsertConnectionInCache(client: QueryClient, connection: Connection): void {
  const batch = emptyBatch();
  batch.connections.set(connection.id, connection);
  applyConnectionChanges(client, batch);
  applyVmChanges(client, batch);
}

export function removeConnectionFromCache(client: QueryClient, id: string): void {
  const batch = emptyBatch();
  batch.removedConnections.add(id);
  applyConnectionChanges(client, batch);
  applyVmChanges(client, batch);
}
