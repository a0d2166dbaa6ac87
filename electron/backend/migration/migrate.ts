/**
 * One machine to another host, whatever its state: the plan is read, its
 * blockers refuse the move before anything happens, then a running machine
 * moves live and a shut-off one offline. The app's feature and the CLI both
 * call this.
 */
import type { MigrationOptions, MigrationPlan } from '../../../shared/contract/migration.js';
import type { JobControl } from '../jobs/jobs.js';
import type { MigrationEnds } from './ends.js';
import { runLiveMigration, type LiveHandle } from './live.js';
import { runOfflineMigration } from './offline.js';
import { assertMigratable, type PlannedMigration } from './plan.js';

export interface MigrationOutcome {
  name: string;
  uuid: string;
  mode: MigrationPlan['mode'];
  downtimeMs: number | null;
  elapsedMs: number | null;
  /** Offline: the source's volumes, left in place. */
  keptSourceVolumes: string;
  /** It moved, but something is worth knowing (the source failed its last step). */
  warning: string | null;
  [key: string]: string | number | boolean | null;
}

export async function migrateMachine(
  ends: MigrationEnds,
  planned: PlannedMigration,
  o: MigrationOptions,
  ctl: JobControl,
  onHandle?: (h: LiveHandle | null) => void,
): Promise<MigrationOutcome> {
  const { plan, facts } = planned;
  assertMigratable(plan);
  const t0 = Date.now();
  if (plan.mode === 'offline') {
    const r = await runOfflineMigration(ends, facts, ctl);
    return {
      name: plan.name,
      uuid: plan.uuid,
      mode: 'offline',
      downtimeMs: null,
      elapsedMs: Date.now() - t0,
      keptSourceVolumes: r.keptSourceVolumes.join(', '),
      warning: null,
    };
  }
  const r = await runLiveMigration(ends, facts, o, ctl, onHandle);
  return {
    name: plan.name,
    uuid: plan.uuid,
    mode: 'live',
    downtimeMs: r.downtimeMs,
    elapsedMs: r.elapsedMs ?? Date.now() - t0,
    keptSourceVolumes: '',
    warning: r.warning,
  };
}
