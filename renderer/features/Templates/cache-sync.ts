/**
 * templates.changed re-reads the library. Which machines use a version comes
 * from the machines themselves: a machine made or deleted (vm.removed, a
 * host coming or going) changes the users column too.
 */
import { defineCacheSync } from '../../api/cache-sync';
import { templateKeys } from './queries';

export const templatesCacheSync = defineCacheSync<{ hit: boolean }>({
  batch: () => ({ hit: false }),
  on: {
    'templates.changed': (b) => {
      b.hit = true;
    },
    'connection.changed': (b) => {
      b.hit = true;
    },
    // A deleted machine may free a version for deletion.
    'vm.removed': (b) => {
      b.hit = true;
    },
    'vms.invalidated': (b) => {
      b.hit = true;
    },
  },
  flush: (client) => void client.invalidateQueries({ queryKey: templateKeys.all }),
});
