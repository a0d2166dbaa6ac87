/** vms.deletePlan / delete / managedSave / discardSave / clone / bulk; the long ones run as ctx.jobs. */
import type { BackendContext, Feature } from '../feature.js';
import { toAppErrorShape } from '../errors.js';
import { runBulk } from './bulk.js';
import { planVmClone } from './clone-plan.js';
import { runVmClone } from './clone.js';
import { deleteVm, planVmDelete } from './delete.js';
import { abortVmJob, discardVmState, prepareManagedSave, saveVmState } from './save.js';

type LifecycleMethods = 'vms.deletePlan' | 'vms.delete' | 'vms.managedSave' | 'vms.discardSave' | 'vms.clone' | 'vms.bulk';

export function createVmLifecycleFeature(ctx: BackendContext): Feature<LifecycleMethods> {
  const client = (id: string) => ctx.hosts.client(id);
  return {
    handlers: {
      'vms.deletePlan': (i) => planVmDelete(client(i.connectionId), i.uuid),
      'vms.delete': (i) => {
        ctx.intents.record(i.connectionId, i.uuid, 'delete');
        return deleteVm(client(i.connectionId), i.uuid, i);
      },
      'vms.managedSave': async (i) => {
        const c = client(i.connectionId);
        const dom = await prepareManagedSave(c, i.uuid);
        ctx.intents.record(i.connectionId, i.uuid, 'stop');
        const spec = {
          kind: 'managed-save' as const,
          connectionId: i.connectionId,
          subject: { uuid: i.uuid, name: dom.name },
          title: `Save the state of ${dom.name}`,
          onCancel: () => abortVmJob(c, dom),
        };
        return ctx.jobs.run(spec, (ctl) => saveVmState(c, dom, ctl)).job;
      },
      'vms.discardSave': async (i) => {
        await discardVmState(client(i.connectionId), i.uuid);
        return { ok: true as const };
      },
      'vms.clone': async (i) => {
        const c = client(i.connectionId);
        // Checked before the job starts, so a refusal (running, name taken) is the call's own error.
        const plan = await planVmClone(c, i.uuid, i.newName);
        const spec = {
          kind: 'clone' as const,
          connectionId: i.connectionId,
          subject: { uuid: i.uuid, name: plan.source.name },
          title: `Clone ${plan.source.name} as ${plan.newName}`,
        };
        return ctx.jobs.run(spec, (ctl) => runVmClone(c, plan, ctl)).job;
      },
      'vms.bulk': (i) => {
        const intent = i.action === 'start' ? 'start' : i.action === 'delete' ? 'delete' : 'stop';
        for (const item of i.items) ctx.intents.record(item.connectionId, item.uuid, intent);
        return runBulk(i.action, i.items, i, client, (e) => toAppErrorShape(e, ctx.log, `vms.bulk ${i.action}`));
      },
    },
  };
}
