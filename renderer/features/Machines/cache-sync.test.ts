import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Connection, Vm } from '../../shared/types';
import { applyConnectionChanges, applyVmChanges, emptyBatch, vmKey } from './cache-updates';
import { queryKeys } from './queries';

const vm = (connectionId: string, n: number, state: Vm['state'] = 'shutoff'): Vm => ({
  connectionId,
  uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `vm-${n}`,
  id: -1,
  state,
  vcpus: 1,
  memoryKiB: 1024,
  maxMemoryKiB: 1024,
  persistent: true,
  autostart: false,
});

const conn = (id: string, state: Connection['state']): Connection => ({
  id,
  name: id,
  uri: 'test:///default',
  autoConnect: false,
  hasStoredSecret: false,
  state,
});

describe('VM events into the cache', () => {
  it('replaces a changed row in every list that holds it, without refetching', () => {
    const client = new QueryClient();
    const a1 = vm('a', 1);
    const b1 = vm('b', 1);
    client.setQueryData(queryKeys.vmList('all'), [a1, b1]);
    client.setQueryData(queryKeys.vmList('a'), [a1]);
    const batch = emptyBatch();
    const running = { ...a1, state: 'running' as const };
    batch.vms.set(vmKey(running), running);
    applyVmChanges(client, batch);
    expect(client.getQueryData<Vm[]>(queryKeys.vmList('all'))).toEqual([running, b1]);
    expect(client.getQueryData<Vm[]>(queryKeys.vmList('a'))).toEqual([running]);
    expect(client.getQueryState(queryKeys.vmList('all'))?.isInvalidated).toBe(false);
  });

  it('adds new VMs only to lists whose scope covers them, and drops removed ones', () => {
    const client = new QueryClient();
    const a1 = vm('a', 1);
    client.setQueryData(queryKeys.vmList('all'), [a1]);
    client.setQueryData(queryKeys.vmList('a'), [a1]);
    const batch = emptyBatch();
    const b2 = vm('b', 2);
    batch.vms.set(vmKey(b2), b2);
    batch.removedVms.set(vmKey(a1), a1);
    applyVmChanges(client, batch);
    expect(client.getQueryData<Vm[]>(queryKeys.vmList('all'))).toEqual([b2]);
    expect(client.getQueryData<Vm[]>(queryKeys.vmList('a'))).toEqual([]);
  });

  it('invalidates the lists of a connection that asks for it', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.vmList('all'), []);
    client.setQueryData(queryKeys.vmList('b'), []);
    const batch = emptyBatch();
    batch.invalidated.add('a');
    applyVmChanges(client, batch);
    expect(client.getQueryState(queryKeys.vmList('all'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.vmList('b'))?.isInvalidated).toBe(false);
  });
});

describe('connection events into the cache', () => {
  it('updates the row in place and re-reads VMs when a host connects', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.connections, [conn('a', 'connecting'), conn('b', 'connected')]);
    client.setQueryData(queryKeys.vmList('all'), []);
    const batch = emptyBatch();
    batch.connections.set('a', conn('a', 'connected'));
    applyConnectionChanges(client, batch);
    applyVmChanges(client, batch);
    expect(client.getQueryData<Connection[]>(queryKeys.connections)?.map((c) => c.state)).toEqual(['connected', 'connected']);
    expect(client.getQueryState(queryKeys.vmList('all'))?.isInvalidated).toBe(true);
  });
});
