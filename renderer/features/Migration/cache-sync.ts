/**
 * Plans from events: a host connecting, going or entering maintenance
 * changes where a machine may go, so every cached plan is re-read (only the
 * ones a dialog shows refetch).
 */
import { defineCacheSync } from '../../api/cache-sync';
import { migrationKeys } from './queries';

export const migrationCacheSync = defineCacheSync<{ hit: boolean }>({
  batch: () => ({ hit: false }),
  on: {
    'connection.changed': (b) => {
      b.hit = true;
    },
    'connection.removed': (b) => {
      b.hit = true;
    },
  },
  flush: (client) => void client.invalidateQueries({ queryKey: migrationKeys.all }),
});
