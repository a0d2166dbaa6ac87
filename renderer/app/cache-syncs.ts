/** Every feature's cache sync, one line each: a feature with events adds its own here. */
import type { CacheSyncFactory } from '../api/cache-sync';
import { alertsCacheSync } from '../features/Alerts/cache-sync';
import { connectionsCacheSync } from '../features/Connections/cache-sync';
import { machinesCacheSync } from '../features/Machines/cache-sync';
import { monitoringCacheSync } from '../features/Monitoring/cache-sync';

// prettier-ignore
export const CACHE_SYNCS: readonly CacheSyncFactory[] = [
  connectionsCacheSync,
  machinesCacheSync,
  monitoringCacheSync,
  alertsCacheSync,
];
