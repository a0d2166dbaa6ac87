/**
 * networks.*: the core (core.ts) over the host registry's live clients, and a
 * `networks.changed` event after every change (whether it worked or not: a
 * half-done change is still a change the views must re-read).
 */
import type { MethodsOf } from '../../../shared/api.js';
import type { Network } from '../../../shared/contract/networks.js';
import { ConnectionError } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { BackendContext, Feature } from '../feature.js';
import { watchNetworks } from './watch.js';
import { createNetwork, deleteNetwork, getNetworkDetail, listNetworks, setNetworkAutostart, startNetwork, stopNetwork } from './core.js';

const isConnectionLost = (e: unknown) => e instanceof ConnectionError || (e instanceof AppError && e.code === 'not-connected');

export function createNetworksFeature(ctx: BackendContext): Feature<MethodsOf<'networks'>> {
  let stopWatching: (() => void) | undefined;
  async function changing<T>(connectionId: string, name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      ctx.bus.emit('networks.changed', { connectionId, name });
    }
  }

  async function listAll(): Promise<Network[]> {
    const perHost = await Promise.all(
      ctx.hosts.connectedIds().map(async (id) => {
        try {
          return await listNetworks(ctx.hosts.client(id), id);
        } catch (e) {
          // For "every host", one that dropped out meanwhile is skipped (its connection.changed says why).
          if (!isConnectionLost(e)) throw e;
          ctx.log.warn(`listing the networks of connection ${id} failed: ${(e as Error).message}`);
          return [];
        }
      }),
    );
    return perHost.flat();
  }

  return {
    // Changes made elsewhere (virsh, another console) reach open views as networks.changed too.
    start: () => {
      stopWatching = watchNetworks(ctx.hosts, ctx.bus, ctx.log);
    },
    close: () => stopWatching?.(),
    handlers: {
      'networks.list': (i) => (i.connectionId !== undefined ? listNetworks(ctx.hosts.client(i.connectionId), i.connectionId) : listAll()),
      'networks.get': (i) => getNetworkDetail(ctx.hosts.client(i.connectionId), i.connectionId, i.name),
      'networks.create': ({ connectionId, ...req }) =>
        changing(connectionId, req.name, () => createNetwork(ctx.hosts.client(connectionId), connectionId, req)),
      'networks.start': (i) =>
        changing(i.connectionId, i.name, () => startNetwork(ctx.hosts.client(i.connectionId), i.connectionId, i.name)),
      'networks.stop': (i) => changing(i.connectionId, i.name, () => stopNetwork(ctx.hosts.client(i.connectionId), i.connectionId, i.name)),
      'networks.setAutostart': (i) =>
        changing(i.connectionId, i.name, () => setNetworkAutostart(ctx.hosts.client(i.connectionId), i.connectionId, i.name, i.autostart)),
      'networks.delete': (i) => changing(i.connectionId, i.name, () => deleteNetwork(ctx.hosts.client(i.connectionId), i.name)),
    },
  };
}
