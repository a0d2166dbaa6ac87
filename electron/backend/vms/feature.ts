/** vms.*: the machines of every connected host, kept fresh from lifecycle events. */
import type { VmAction } from '../../../shared/types.js';
import type { BackendContext, Feature } from '../feature.js';
import type { Intent } from '../intents.js';
import { createVmsService } from './service.js';
import { createVmWatcher } from './watch.js';

/** What each action tells other features to expect (a stop asked through NovaCron is not "unexpected"). */
const ACTION_INTENTS: Record<VmAction, Intent | undefined> = {
  start: 'start',
  shutdown: 'stop',
  destroy: 'stop',
  reboot: 'restart',
  reset: 'restart',
  suspend: 'suspend',
  resume: 'resume',
};

export function createVmsFeature(ctx: BackendContext): Feature<'vms.list' | 'vms.get' | 'vms.act'> {
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
      'vms.act': (i) => {
        const intent = ACTION_INTENTS[i.action];
        if (intent) ctx.intents.record(i.connectionId, i.uuid, intent);
        return vms.act(i.connectionId, i.uuid, i.action);
      },
    },
    close: () => {
      offHosts();
      watcher.close();
    },
  };
}
