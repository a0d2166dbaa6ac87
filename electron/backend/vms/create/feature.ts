/** vms.createChoices and vms.create: the plan is checked in the call (its refusals are the call's errors), the rest runs as a job. */
import type { BackendContext, Feature } from '../../feature.js';
import { readCreateChoices } from './choices.js';
import { planVmCreate } from './plan.js';
import { runVmCreate } from './run.js';

export function createVmCreateFeature(ctx: BackendContext): Feature<'vms.createChoices' | 'vms.create'> {
  const client = (id: string) => ctx.hosts.client(id);
  return {
    handlers: {
      'vms.createChoices': (i) => readCreateChoices(client(i.connectionId)),
      'vms.create': async (i) => {
        const c = client(i.connectionId);
        const plan = await planVmCreate(c, i);
        if (plan.start) ctx.intents.record(i.connectionId, plan.uuid, 'start');
        const spec = {
          kind: 'create' as const,
          connectionId: i.connectionId,
          subject: { uuid: plan.uuid, name: plan.name },
          title: `Create ${plan.name}`,
        };
        return ctx.jobs.run(spec, (ctl) => runVmCreate(c, plan, ctl)).job;
      },
    },
  };
}
