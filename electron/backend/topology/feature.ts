/**
 * topology.get over the host registry: every connected host read in
 * parallel; a host that fails to answer stays on the map with its reason
 * instead of hiding the others.
 */
import type { MethodsOf } from '../../../shared/api.js';
import type { HostTopology } from '../../../shared/contract/topology.js';
import type { BackendContext, Feature } from '../feature.js';
import { readHostTopology } from './read.js';

export function createTopologyFeature(ctx: BackendContext): Feature<MethodsOf<'topology'>> {
  async function readOne(connectionId: string): Promise<HostTopology> {
    try {
      return await readHostTopology(ctx.hosts.client(connectionId), connectionId);
    } catch (e) {
      ctx.log.warn(`topology of ${connectionId}: ${e instanceof Error ? e.message : String(e)}`);
      return { connectionId, networks: [], pools: [], machines: [], error: e instanceof Error ? e.message : String(e) };
    }
  }
  return {
    handlers: {
      'topology.get': async (i) => {
        // One named host: its errors (not found, not connected) are the caller's answer.
        if (i.connectionId !== undefined) return [await readHostTopology(ctx.hosts.client(i.connectionId), i.connectionId)];
        return Promise.all(ctx.hosts.connectedIds().map(readOne));
      },
    },
  };
}
