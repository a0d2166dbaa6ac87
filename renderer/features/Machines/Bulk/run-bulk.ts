/** Bulk actions over selected machines of several hosts: one result per machine, failures do not stop the rest. */
import type { BulkOutput } from '../../../../shared/contract/vm-lifecycle';
import type { AppErrorShape } from '../../../../shared/types';
import { ApiError, invoke } from '../../../api';
import type { VmRowData } from '../use-vm-rows';

export type BulkKind = 'start' | 'shutdown' | 'destroy' | 'snapshot' | 'delete';

export interface BulkResult {
  key: string;
  connectionId: string;
  uuid: string;
  name: string;
  host: string;
  ok: boolean;
  /** What happened, in a few words (the backend's own message on failure). */
  message: string;
}

/** One machine's result. */
export function bulkResult(r: VmRowData, ok: boolean, message: string): BulkResult {
  return { key: r.key, connectionId: r.connectionId, uuid: r.uuid, name: r.name, host: r.host, ok, message };
}

const toShape = (e: unknown): AppErrorShape =>
  e instanceof ApiError ? { code: e.code, message: e.message } : { code: 'internal', message: e instanceof Error ? e.message : String(e) };

const DONE: Record<BulkKind, string> = {
  start: 'started',
  shutdown: 'asked to shut down',
  destroy: 'forced off',
  snapshot: 'snapshot taken',
  delete: 'deleted',
};

/** vms.bulk's answer joined back to the rows (by host and UUID). */
export function joinBulkOutput(kind: BulkKind, rows: readonly VmRowData[], out: BulkOutput): BulkResult[] {
  const byKey = new Map(out.map((o) => [`${o.connectionId}/${o.uuid}`, o]));
  return rows.map((r) => {
    const o = byKey.get(r.key);
    if (!o) return bulkResult(r, false, 'no answer for this machine');
    return bulkResult(r, o.ok, o.ok ? DONE[kind] : (o.error?.message ?? 'failed'));
  });
}

/** Runs `fn` over items, at most `limit` at once, in order of the results. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface BulkOptions {
  /** delete: also delete each machine's planned volumes. */
  withStorage?: boolean;
  /** delete: force running machines off first. */
  force?: boolean;
  /** snapshot: the name every machine's snapshot gets. */
  snapshotName?: string;
}

export async function runBulk(kind: BulkKind, rows: readonly VmRowData[], opts: BulkOptions = {}): Promise<BulkResult[]> {
  if (kind === 'snapshot') {
    // vms.bulk has no snapshot: one snapshots.create per machine, reported the same way.
    const name = opts.snapshotName ?? `bulk-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}`;
    return pool(rows, 4, async (r) => {
      try {
        const memory = r.state === 'running' || r.state === 'paused';
        await invoke('snapshots.create', { connectionId: r.connectionId, uuid: r.uuid, name, memory });
        return bulkResult(r, true, `snapshot ${name} taken${memory ? ' with memory' : ''}`);
      } catch (e) {
        return bulkResult(r, false, toShape(e).message);
      }
    });
  }
  let items: { connectionId: string; uuid: string; volumes?: string[] }[] = rows.map((r) => ({
    connectionId: r.connectionId,
    uuid: r.uuid,
  }));
  const planErrors = new Map<string, string>();
  if (kind === 'delete' && opts.withStorage) {
    // Each machine's exact volume list, as its own delete dialog would show it.
    const plans = await pool(rows, 4, async (r) => {
      try {
        return await invoke('vms.deletePlan', { connectionId: r.connectionId, uuid: r.uuid });
      } catch (e) {
        planErrors.set(r.key, toShape(e).message);
        return null;
      }
    });
    items = rows.flatMap((r, i) => {
      const p = plans[i];
      return p ? [{ connectionId: r.connectionId, uuid: r.uuid, volumes: p.volumes.map((v) => v.path) }] : [];
    });
  }
  let joined: BulkResult[];
  if (items.length === 0) joined = [];
  else {
    const out = await invoke('vms.bulk', { action: kind, items, withStorage: !!opts.withStorage, force: !!opts.force });
    joined = joinBulkOutput(
      kind,
      rows.filter((r) => !planErrors.has(r.key)),
      out,
    );
  }
  const byKey = new Map(joined.map((j) => [j.key, j]));
  return rows.map((r) => byKey.get(r.key) ?? bulkResult(r, false, planErrors.get(r.key) ?? 'not run'));
}
