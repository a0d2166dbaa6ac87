/**
 * A finished creation (or any job that makes or removes volumes and machines)
 * re-reads the wizard's choices: taken names, pool room and volumes changed.
 */
import { defineCacheSync } from '../../api/cache-sync';
import { createKeys } from './queries';

export const createMachineCacheSync = defineCacheSync<{ stale: boolean }>({
  batch: () => ({ stale: false }),
  on: {
    'job.changed': (b, job) => {
      if (job.state !== 'running') b.stale = true;
    },
  },
  flush: (client, b) => {
    if (b.stale) void client.invalidateQueries({ queryKey: createKeys.all });
  },
});
