/** audit.recorded: open audit pages re-read (once per flush, however many entries arrived). */
import { defineCacheSync } from '../../api/cache-sync';
import { auditKeys } from './queries';

export const auditCacheSync = defineCacheSync<{ count: number }>({
  batch: () => ({ count: 0 }),
  on: {
    'audit.recorded': (b, e) => {
      b.count += e.count;
    },
  },
  flush: (client) => void client.invalidateQueries({ queryKey: auditKeys.all }),
});
