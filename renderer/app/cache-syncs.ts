/** Every feature's cache sync, one line each: a feature with events adds its own here. */
import type { CacheSyncFactory } from '../api/cache-sync';
import { alertsCacheSync } from '../features/Alerts/cache-sync';
import { analyticsCacheSync } from '../features/Analytics/cache-sync';
import { connectionsCacheSync } from '../features/Connections/cache-sync';
import { machinesCacheSync } from '../features/Machines/cache-sync';
import { machineDetailCacheSync } from '../features/MachineDetail/cache-sync';
import { jobsCacheSync } from '../features/Jobs/cache-sync';
import { createMachineCacheSync } from '../features/CreateMachine/cache-sync';
import { inventoryCacheSync } from '../features/Inventory/cache-sync';
import { auditCacheSync } from '../features/Audit/cache-sync';
import { monitoringCacheSync } from '../features/Monitoring/cache-sync';
import { storageCacheSync } from '../features/Storage/cache-sync';
import { networksCacheSync } from '../features/Networks/cache-sync';
import { topologyCacheSync } from '../features/Topology/cache-sync';
import { templatesCacheSync } from '../features/Templates/cache-sync';
import { migrationCacheSync } from '../features/Migration/cache-sync';

// prettier-ignore
export const CACHE_SYNCS: readonly CacheSyncFactory[] = [
  connectionsCacheSync,
  machinesCacheSync,
  monitoringCacheSync,
  alertsCacheSync,
  analyticsCacheSync,
  machineDetailCacheSync,
  jobsCacheSync,
  createMachineCacheSync,
  inventoryCacheSync,
  auditCacheSync,
  networksCacheSync,
  topologyCacheSync,
  templatesCacheSync,
  storageCacheSync,
  migrationCacheSync,
];
