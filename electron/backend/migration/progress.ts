/**
 * A running migration's job statistics (virDomainGetJobStats' typed
 * parameters, VIR_DOMAIN_JOB_* names) as the job's figures, phase and
 * progress. Pure, so the mapping is tested without a migration.
 */
import type { JobResult } from '../../../shared/contract/jobs.js';

type Stats = Record<string, string | number | bigint | boolean>;

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);

export interface MigrationProgress {
  detail: JobResult;
  phase: string;
  /** 0..1 of what is known now (memory keeps growing while the guest dirties it), or null. */
  progress: number | null;
}

const MiB = 1024 * 1024;

export function readMigrationProgress(stats: Stats, postcopy = false): MigrationProgress {
  const detail: JobResult = {};
  const put = (key: string, field: string) => {
    const v = num(stats[field]);
    if (v !== undefined) detail[key] = v;
  };
  put('dataTotal', 'data_total');
  put('dataProcessed', 'data_processed');
  put('dataRemaining', 'data_remaining');
  put('memoryTotal', 'memory_total');
  put('memoryProcessed', 'memory_processed');
  put('memoryRemaining', 'memory_remaining');
  put('memoryDirtyRate', 'memory_dirty_rate');
  put('memoryPageSize', 'memory_page_size');
  put('memoryIteration', 'memory_iteration');
  put('memoryBps', 'memory_bps');
  // While the job runs, libvirt's "downtime" is QEMU's expected downtime.
  put('expectedDowntimeMs', 'downtime');
  put('diskTotal', 'disk_total');
  put('diskProcessed', 'disk_processed');
  put('diskRemaining', 'disk_remaining');
  put('diskBps', 'disk_bps');
  put('elapsedMs', 'time_elapsed');
  put('autoConvergeThrottle', 'auto_converge_throttle');
  put('compressionBytes', 'compression_bytes');

  const diskLeft = num(stats.disk_remaining) ?? 0;
  const memDone = num(stats.memory_processed) ?? 0;
  const iteration = num(stats.memory_iteration) ?? 0;
  let phase: string;
  if (postcopy) phase = 'post-copy: the machine runs on the target, pages follow on demand';
  else if (diskLeft > 0 && memDone === 0) phase = `copying disks, ${(diskLeft / MiB).toFixed(0)} MiB left`;
  else if (memDone > 0 || iteration > 0) {
    const left = num(stats.memory_remaining);
    phase = `copying memory, pass ${Math.max(1, iteration)}${left !== undefined ? `, ${(left / MiB).toFixed(1)} MiB left` : ''}`;
  } else phase = 'setting up the transfer';

  const done = num(stats.data_processed);
  const left = num(stats.data_remaining);
  const progress = done !== undefined && left !== undefined && done + left > 0 ? done / (done + left) : null;
  return { detail, phase, progress };
}
