/**
 * Backend events into the cache, through the same path the app uses:
 * startEventSync with every feature's CacheSync, fed by a bridge that
 * pushes events the way the backend does.
 */
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/api';
import type { Bridge } from '../../../shared/transport';
import type { Connection, Vm } from '../../../shared/types';
import { startEventSync } from '../../api/event-sync';
import { createLinkStatusStore } from '../../api/link-status';
import { CACHE_SYNCS } from '../../app/cache-syncs';
import { connectionKeys } from '../Connections/queries';
import { vmKeys } from './queries';

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
  readOnly: false,
  maintenance: false,
  state,
});

let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** A QueryClient synced from a bridge whose `push` delivers events like the backend. */
function synced() {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const bridge: Bridge = {
    invoke: () => Promise.reject(new Error('no calls in this test')),
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const client = new QueryClient();
  stop = startEventSync(bridge, client, createLinkStatusStore({ state: 'open', attempt: 0, wasOpen: true }), CACHE_SYNCS);
  const push = <E extends EventName>(name: E, payload: EventPayload<E>) => listeners.forEach((l) => l(name, payload));
  const settle = () => new Promise((r) => setTimeout(r, 40));
  return { client, push, pushRaw: (name: string, payload: unknown) => listeners.forEach((l) => l(name, payload)), settle };
}

describe('VM events into the cache', () => {
  it('replaces a changed row in every list that holds it, without refetching', async () => {
    const { client, push, settle } = synced();
    const a1 = vm('a', 1);
    const b1 = vm('b', 1);
    client.setQueryData(vmKeys.list('all'), [a1, b1]);
    client.setQueryData(vmKeys.list('a'), [a1]);
    const running = { ...a1, state: 'running' as const };
    push('vm.changed', running);
    await settle();
    expect(client.getQueryData<Vm[]>(vmKeys.list('all'))).toEqual([running, b1]);
    expect(client.getQueryData<Vm[]>(vmKeys.list('a'))).toEqual([running]);
    expect(client.getQueryState(vmKeys.list('all'))?.isInvalidated).toBe(false);
  });

  it('keys rows by host and UUID: the same UUID on two hosts are two machines', async () => {
    const { client, push, settle } = synced();
    const a1 = vm('a', 1);
    const b1 = vm('b', 1); // same uuid and name, other host
    client.setQueryData(vmKeys.list('all'), [a1, b1]);
    push('vm.removed', { connectionId: 'a', uuid: a1.uuid });
    await settle();
    expect(client.getQueryData<Vm[]>(vmKeys.list('all'))).toEqual([b1]);
  });

  it('adds new VMs only to lists whose scope covers them; the last event of a burst wins', async () => {
    const { client, push, settle } = synced();
    const a1 = vm('a', 1);
    client.setQueryData(vmKeys.list('all'), [a1]);
    client.setQueryData(vmKeys.list('a'), [a1]);
    const b2 = vm('b', 2);
    push('vm.changed', b2);
    push('vm.removed', { connectionId: 'a', uuid: a1.uuid });
    push('vm.changed', { ...b2, state: 'running' });
    await settle();
    expect(client.getQueryData<Vm[]>(vmKeys.list('all'))).toEqual([{ ...b2, state: 'running' }]);
    expect(client.getQueryData<Vm[]>(vmKeys.list('a'))).toEqual([]);
  });

  it("invalidates the lists of a connection that asks for it, and drops a removed connection's own list", async () => {
    const { client, push, settle } = synced();
    client.setQueryData(vmKeys.list('all'), []);
    client.setQueryData(vmKeys.list('b'), []);
    client.setQueryData(vmKeys.list('c'), []);
    push('vms.invalidated', { connectionId: 'a' });
    push('connection.removed', { id: 'c' });
    await settle();
    expect(client.getQueryState(vmKeys.list('all'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(vmKeys.list('b'))?.isInvalidated).toBe(false);
    expect(client.getQueryData(vmKeys.list('c'))).toBeUndefined();
  });

  it('an invalidated list edited by an event stays invalidated: its next reader re-reads the whole list', async () => {
    const { client, push, settle } = synced();
    // Read before host b connected; b's connection invalidated it; then a machine migrated to b.
    client.setQueryData(vmKeys.list('all'), [vm('a', 1)]);
    push('vms.invalidated', { connectionId: 'b' });
    await settle();
    push('vm.removed', { connectionId: 'a', uuid: vm('a', 1).uuid });
    push('vm.changed', vm('b', 1, 'running'));
    await settle();
    expect(client.getQueryData<Vm[]>(vmKeys.list('all'))).toEqual([vm('b', 1, 'running')]);
    expect(client.getQueryState(vmKeys.list('all'))?.isInvalidated).toBe(true);
  });

  it('ignores unknown events and payloads that break the contract', async () => {
    const { client, pushRaw, settle } = synced();
    const a1 = vm('a', 1);
    client.setQueryData(vmKeys.list('all'), [a1]);
    pushRaw('vm.exploded', a1);
    pushRaw('vm.changed', { ...a1, state: 'on fire' });
    await settle();
    expect(client.getQueryData<Vm[]>(vmKeys.list('all'))).toEqual([a1]);
  });
});

describe('connection events into the cache', () => {
  it('updates a row in place, appends new ones and drops removed ones', async () => {
    const { client, push, settle } = synced();
    client.setQueryData(connectionKeys.list, [conn('a', 'connecting'), conn('b', 'connected')]);
    push('connection.changed', conn('a', 'connected'));
    push('connection.changed', conn('c', 'disconnected'));
    push('connection.removed', { id: 'b' });
    await settle();
    expect(client.getQueryData<Connection[]>(connectionKeys.list)?.map((c) => `${c.id}:${c.state}`)).toEqual([
      'a:connected',
      'c:disconnected',
    ]);
  });
});
