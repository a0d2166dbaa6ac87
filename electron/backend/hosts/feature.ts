/** connections.*: the stored records, their live sessions and the host-key trust flow. */
import type { MethodsOf } from '../../../shared/api.js';
import type { BackendContext, Feature } from '../feature.js';
import { createConnectionsService } from './service.js';

export function createConnectionsFeature(ctx: BackendContext): Feature<MethodsOf<'connections'> | 'hosts.setMaintenance'> {
  const connections = createConnectionsService({
    store: ctx.store,
    secrets: ctx.secrets,
    bus: ctx.bus,
    log: ctx.log,
    knownHostsFile: ctx.knownHostsFile,
    hosts: ctx.hostPublisher,
    ...(ctx.connectTimeoutMs !== undefined ? { connectTimeoutMs: ctx.connectTimeoutMs } : {}),
  });
  return {
    handlers: {
      'connections.list': () => connections.list(),
      'connections.add': (i) => connections.add(i),
      'connections.update': (i) => connections.update(i),
      'connections.remove': (i) => connections.remove(i.id),
      'connections.connect': (i) => connections.connect(i),
      'connections.disconnect': (i) => connections.disconnect(i.id),
      'connections.trustHostKey': (i) => connections.trustHostKey(i.id, i.fingerprint),
      'connections.localHost': () => connections.localHost(),
      'connections.addLocal': () => connections.addLocal(),
      // The maintenance flag is part of the connection record (migration/maintenance.ts enforces it).
      'hosts.setMaintenance': async (i) => {
        await connections.update({ id: i.connectionId, maintenance: i.maintenance });
        return { ok: true as const };
      },
    },
    start: () => {
      if (ctx.autoConnect) connections.autoConnect();
    },
    close: () => connections.close(),
  };
}
