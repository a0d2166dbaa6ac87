/** Domain lifecycle events from the lab's libvirtd (test driver), with local fan-out. */
import { afterEach, describe, expect, it } from 'vitest';
import { LibvirtClient } from '../../../electron/libvirt/client.js';
import * as api from '../../../electron/libvirt/api/index.js';
import type {
  DomainLifecycleEvent,
  NetworkLifecycleEvent,
  StoragePoolLifecycleEvent,
  StoragePoolRefreshEvent,
} from '../../../electron/libvirt/events/types.js';
import { uuidToString } from '../../../electron/libvirt/protocol/common.js';
import {
  DOMAIN_CREATE_WITH_FLAGS,
  DOMAIN_DESTROY_FLAGS,
  DOMAIN_UNDEFINE_FLAGS,
  TEST_URI,
  closeAll,
  daemonAvailable,
  defineThrowawayDomain,
  uniqueName,
  waitFor,
} from './helpers/daemon.js';

let clients: LibvirtClient[] = [];
afterEach(async () => {
  await closeAll(...clients);
  clients = [];
});

/** A throwaway test-driver network; its cleanup never throws. */
async function defineThrowawayNetwork(c: LibvirtClient, name: string): Promise<{ cleanup: () => Promise<void> }> {
  const net = await api.defineNetwork(c, `<network><name>${name}</name></network>`);
  return { cleanup: () => api.undefineNetwork(c, net).catch(() => {}) };
}

async function connect(): Promise<LibvirtClient> {
  const c = await LibvirtClient.connect(TEST_URI);
  clients.push(c);
  return c;
}

describe.skipIf(!daemonAvailable)('domain events (live libvirtd, test driver)', () => {
  it('delivers defined/started/stopped/undefined to every local listener over one registration', async () => {
    const c = await connect();
    const name = uniqueName();
    const a: DomainLifecycleEvent[] = [];
    const b: DomainLifecycleEvent[] = [];
    const mine = (list: DomainLifecycleEvent[]) => (e: DomainLifecycleEvent) => {
      if (e.dom.name === name) list.push(e);
    };
    const callsBefore = c.stats.session.calls;
    const offA = await c.onDomainLifecycle(mine(a));
    const offB = await c.onDomainLifecycle(mine(b)); // no second server registration
    expect(c.stats.session.calls - callsBefore).toBe(1);
    // A listener that throws does not break the reader or the others.
    const offBad = await c.onDomainLifecycle(() => {
      throw new Error('listener bug');
    });

    const { dom, cleanup } = await defineThrowawayDomain(c, name);
    try {
      await c.call(DOMAIN_CREATE_WITH_FLAGS, { dom, flags: 0 });
      await c.call(DOMAIN_DESTROY_FLAGS, { dom, flags: 0 });
      await c.call(DOMAIN_UNDEFINE_FLAGS, { dom, flags: 0 });
    } finally {
      await cleanup();
    }
    await waitFor(() => a.length >= 4 && b.length >= 4, 5000, 'four lifecycle events');
    expect(a.map((e) => [e.event, e.detail])).toEqual([
      ['defined', 'added'],
      ['started', 'booted'],
      ['stopped', 'destroyed'],
      ['undefined', 'removed'],
    ]);
    expect(b).toEqual(a);
    expect(a[0]).toMatchObject({
      kind: 'domain-lifecycle',
      dom: { name, uuid: uuidToString(dom.uuid), id: -1 },
      raw: { event: 0, detail: 0 },
    });
    expect(a[1]!.dom.id).toBeGreaterThan(0);
    expect(c.stats.events.listenerErrors).toBeGreaterThanOrEqual(4);

    await offA();
    await offBad();
    await offA(); // idempotent
    expect(c.stats.session.calls).toBeGreaterThan(0);
    await offB(); // the last one: deregisters on the server
    // Registering again works: the server no longer tracks the old callback.
    const again = await c.onDomainLifecycle(() => {});
    await again();
  });

  it('keeps one server registration per event kind and connection under concurrent subscribe/unsubscribe', async () => {
    const c = await connect();
    const offs = await Promise.all(Array.from({ length: 10 }, () => c.onDomainLifecycle(() => {})));
    await Promise.all(offs.slice(0, 9).map((off) => off()));
    const seen: string[] = [];
    const name = uniqueName();
    const off = await c.onDomainLifecycle((e) => {
      if (e.dom.name === name) seen.push(e.event);
    });
    const { cleanup } = await defineThrowawayDomain(c, name);
    await cleanup();
    await waitFor(() => seen.length >= 2, 5000, 'define+undefine events');
    expect(seen).toEqual(['defined', 'undefined']);
    await Promise.all([off(), offs[9]!()]);
  });

  it('registers other families too (network, storage pool, reboot) and delivers their events', async () => {
    const c = await connect();
    const name = uniqueName();
    const nets: NetworkLifecycleEvent[] = [];
    const pools: StoragePoolLifecycleEvent[] = [];
    const refreshes: StoragePoolRefreshEvent[] = [];
    const others: string[] = [];
    const other = (e: { kind: string; dom: { name: string } }) => {
      if (e.dom.name === name) others.push(e.kind);
    };
    const callsBefore = c.stats.session.calls;
    const offs = await Promise.all([
      c.onNetworkLifecycle((e) => void (e.net.name === name && nets.push(e))),
      c.onStoragePoolLifecycle((e) => void (e.pool.name === name && pools.push(e))),
      c.onStoragePoolRefresh((e) => void (e.pool.name === name && refreshes.push(e))),
      c.onDomainReboot(other),
      c.onDomainBalloonChange(other),
      c.onDomainBlockJob(other),
      c.onDomainDeviceAdded(other),
      c.onDomainDeviceRemoved(other),
    ]);
    // one server registration per family and event ID
    expect(c.stats.session.calls - callsBefore).toBe(8);

    // The test driver emits network and pool lifecycle events like a real host.
    const net = await api.defineNetwork(c, `<network><name>${name}</name><bridge name='nct${name.slice(-8)}'/></network>`);
    const pool = await api.defineStoragePool(c, `<pool type='dir'><name>${name}</name><target><path>/${name}</path></target></pool>`);
    try {
      await api.startNetwork(c, net);
      await api.stopNetwork(c, net);
      await api.startStoragePool(c, pool);
      await api.refreshStoragePool(c, pool);
      await api.stopStoragePool(c, pool);
    } finally {
      await api.undefineNetwork(c, net).catch(() => {});
      await api.undefineStoragePool(c, pool).catch(() => {});
    }
    await waitFor(() => nets.length >= 4 && pools.length >= 4 && refreshes.length >= 1, 5000, 'network and pool events');
    expect(nets.map((e) => e.event)).toEqual(['defined', 'started', 'stopped', 'undefined']);
    expect(nets[0]).toMatchObject({ kind: 'network-lifecycle', net: { name, uuid: uuidToString(net.uuid) } });
    expect(pools.map((e) => e.event)).toEqual(['defined', 'started', 'stopped', 'undefined']);
    expect(pools[0]).toMatchObject({ kind: 'storage-pool-lifecycle', pool: { name, uuid: uuidToString(pool.uuid) } });
    expect(refreshes).toEqual([{ kind: 'storage-pool-refresh', pool: { name, uuid: uuidToString(pool.uuid) } }]);
    expect(others).toEqual([]); // nothing happened to a domain of that name

    const beforeOff = c.stats.session.calls;
    for (const off of offs) await off();
    expect(c.stats.session.calls - beforeOff).toBe(8); // each registration is dropped on the server
    // The old listeners are gone: a new one sees the next network's events, they do not.
    const late: string[] = [];
    const offLate = await c.onNetworkLifecycle((e) => void (e.net.name === name && late.push(e.event)));
    const { cleanup } = await defineThrowawayNetwork(c, name);
    await cleanup();
    await waitFor(() => late.length >= 2, 5000, 'events for the late listener');
    expect(late).toEqual(['defined', 'undefined']);
    expect(nets).toHaveLength(4);
    await offLate();
  });
});
