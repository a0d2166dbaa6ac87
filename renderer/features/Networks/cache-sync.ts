/**
 * networks.changed: the list and that network's page re-read. A host coming
 * or going (connection.changed) changes which networks there are, too.
 */
import { defineCacheSync } from '../../api/cache-sync';
import { networkKeys } from './queries';

export const networksCacheSync = defineCacheSync<{ hit: boolean }>({
  batch: () => ({ hit: false }),
  on: {
    'networks.changed': (b) => {
      b.hit = true;
    },
    'connection.changed': (b) => {
      b.hit = true;
    },
  },
  flush: (client) => void client.invalidateQueries({ queryKey: networkKeys.all }),
});
