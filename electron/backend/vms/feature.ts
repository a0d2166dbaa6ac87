/** vms.*: the machines of every connected host, kept fresh from lifecycle events. */
import type { MethodsOf } from '../../../shared/api.js';
import type { BackendContext, Feature } from '../feature.js';
import { createVmsService } from './service.js';
import { createVmWatcher } from './watch.js';

export function createVmsFeature(ctx: BackendContext): Feature<MethodsOf<'vms'>> {
  const vms = createVmsService(ctx.hosts, ctx.log);
  const watcher = createVmWatcher(ctx.bus, ctx.log);
  const offHosts = ctx.hosts.onHost({
    connected: (id, conn) => watcher.up(id, conn),
    lost: (id) => watcher.down(id),
  });
  return {
    handlers: {
      'vms.list': (i) => vms.list(i.connectionId),
      'vms.get': (i) => vms.get(i.connectionId, i.uuid),
      'vms.act': (i) => vms.act(i.connectionId, i.uuid, i.action),
    },
    close: () => {
      offHosts();
      watcher.close();
    },
  };
}
