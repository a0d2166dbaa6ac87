/** Every backend feature, one line each. A resource added to the contract adds its factory here. */
import { createAlertsFeature } from './alerts/feature.js';
import { createAnalyticsFeature } from './analytics/feature.js';
import { createAppFeature } from './app/feature.js';
import type { MethodName } from '../../shared/api.js';
import type { MethodsCovered } from './feature.js';
import { createAuditFeature } from './audit/feature.js';
import { createConsolesFeature } from './consoles/feature.js';
import { createConnectionsFeature } from './hosts/feature.js';
import { createReadOnlyFeature } from './hosts/read-only.js';
import { createInventoryFeature } from './inventory/feature.js';
import { createJobsFeature } from './jobs/feature.js';
import { createMigrationFeature } from './migration/feature.js';
import { createMetricsFeature } from './monitoring/feature.js';
import { createPrometheusFeature } from './monitoring/prometheus/feature.js';
import { createNetworksFeature } from './networks/feature.js';
import { createSnapshotsFeature } from './snapshots/feature.js';
import { createStorageFeature } from './storage/feature.js';
import { createTemplatesFeature } from './templates/feature.js';
import { createTopologyFeature } from './topology/feature.js';
import { createVolumeTransferFeature } from './storage/transfer/feature.js';
import { createVmConfigFeature } from './vms/config-feature.js';
import { createVmCreateFeature } from './vms/create/feature.js';
import { createVmLifecycleFeature } from './vms/lifecycle-feature.js';
import { createVmsFeature } from './vms/feature.js';

// prettier-ignore
export const FEATURES = [
  createAppFeature,
  createConnectionsFeature,
  createVmsFeature,
  createVmConfigFeature,
  createVmLifecycleFeature,
  createVmCreateFeature,
  createJobsFeature,
  createMetricsFeature,
  createPrometheusFeature,
  createAlertsFeature,
  createReadOnlyFeature,
  createSnapshotsFeature,
  createStorageFeature,
  createNetworksFeature,
  createInventoryFeature,
  createAuditFeature,
  createConsolesFeature,
  createAnalyticsFeature,
  createTopologyFeature,
  createVolumeTransferFeature,
  createTemplatesFeature,
  createMigrationFeature,
] as const;

/** Fails to compile while a method of the contract has no feature answering it. */
type Unanswered = Exclude<MethodName, MethodsCovered<(typeof FEATURES)[number]>>;
export const everyMethodAnswered: [Unanswered] extends [never] ? true : Unanswered = true;
