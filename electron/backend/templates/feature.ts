/**
 * templates.*: the service (service.ts) over the app's store (the `templates`
 * collection) and the host registry's live clients; copies run as jobs in
 * the activity panel, and every change emits `templates.changed`.
 */
import type { MethodsOf } from '../../../shared/api.js';
import type { JobResult } from '../../../shared/contract/jobs.js';
import type { BackendContext, Feature } from '../feature.js';
import {
  createTemplate,
  deleteTemplate,
  deleteTemplateVersion,
  instantiateTemplate,
  listTemplates,
  publishVersion,
  type TemplateEnv,
} from './service.js';

/** The job's result: the flat fields of what the work returned (e.g. the new machine's name and UUID). */
function flatResult(out: unknown): JobResult {
  const r: JobResult = {};
  if (typeof out === 'object' && out !== null) {
    for (const [k, v] of Object.entries(out)) if (['string', 'number', 'boolean'].includes(typeof v)) r[k] = v as string | number | boolean;
  }
  return r;
}

function appEnv(ctx: BackendContext): TemplateEnv {
  const nameOf = (id: string) => ctx.store.data.connections.find((x) => x.id === id);
  return {
    library: {
      read: () => ctx.store.data.templates,
      update: (fn) => ctx.store.update((d) => fn(d.templates)),
    },
    client: (id) => ctx.hosts.client(id),
    uriOf: (id) => nameOf(id)?.uri ?? id,
    hosts: () =>
      ctx.hosts.connectedIds().flatMap((id) => {
        const c = ctx.hosts.tryClient(id);
        return c ? [{ connectionId: id, host: nameOf(id)?.name ?? id, c }] : [];
      }),
    // libvirt cannot stop a volume copy half-way: these jobs show progress but cannot be cancelled.
    async runJob(info, work) {
      let out: Awaited<ReturnType<typeof work>> | undefined;
      await ctx.jobs.run({ kind: 'template', cancellable: false, ...info }, async (ctl) => {
        out = await work(ctl);
        return flatResult(out);
      }).done;
      return out!;
    },
  };
}

export function createTemplatesFeature(ctx: BackendContext): Feature<MethodsOf<'templates'>> {
  const env = appEnv(ctx);
  const changed = () => ctx.bus.emit('templates.changed', {});
  async function changing<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } finally {
      changed();
    }
  }
  return {
    handlers: {
      'templates.list': () => listTemplates(env),
      'templates.create': (i) => changing(createTemplate(env, i)),
      'templates.publish': (i) => changing(publishVersion(env, i)),
      'templates.instantiate': async (i) => {
        const r = await changing(instantiateTemplate(env, i));
        return { connectionId: r.connectionId, uuid: r.uuid, name: r.name, volume: r.volume };
      },
      'templates.deleteVersion': async (i) => ({ deletedVolumes: await changing(deleteTemplateVersion(env, i.name, i.version)) }),
      'templates.delete': async (i) => ({ deletedVolumes: await changing(deleteTemplate(env, i.name)) }),
    },
  };
}
