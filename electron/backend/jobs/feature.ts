/** jobs.*: the backend's long operations, listed and cancelled (the registry itself is ctx.jobs). */
import type { MethodsOf } from '../../../shared/api.js';
import type { BackendContext, Feature } from '../feature.js';

export function createJobsFeature(ctx: BackendContext): Feature<MethodsOf<'jobs'>> {
  return {
    handlers: {
      'jobs.list': (i) => ctx.jobs.list(i.connectionId),
      'jobs.cancel': (i) => ctx.jobs.cancel(i.id),
    },
  };
}
