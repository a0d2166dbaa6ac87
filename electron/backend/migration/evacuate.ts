/**
 * Evacuating a host: every running machine migrated off it, one after
 * another (so the link and the target's memory are not split between
 * transfers), to the target the user picked for it or else to the host that
 * has the most free memory left once the machines already sent there are
 * counted. A failure is reported and the next machine goes on.
 */
import type { EvacuationItem, EvacuationOutcome } from '../../../shared/contract/migration.js';
import type { JobStep } from '../../../shared/contract/jobs.js';
import type { AppErrorShape } from '../../../shared/types.js';
import type { JobControl } from '../jobs/jobs.js';

export interface Evacuee {
  uuid: string;
  name: string;
  memoryKiB: number;
}

export interface Candidate {
  connectionId: string;
  name: string;
  freeMemoryKiB: number;
  /** In maintenance: takes nothing. */
  maintenance: boolean;
}

/**
 * Where each machine goes: `picked` (by UUID), else `fallback`, else the
 * candidate with the most memory still free. Largest machines are placed
 * first so they find room; the result keeps the input order.
 */
export function chooseTargets(
  machines: readonly Evacuee[],
  candidates: readonly Candidate[],
  picked: ReadonlyMap<string, string> = new Map(),
  fallback?: string,
): EvacuationItem[] {
  const free = new Map(candidates.map((c) => [c.connectionId, c.freeMemoryKiB]));
  const byId = new Map(candidates.map((c) => [c.connectionId, c]));
  const chosen = new Map<string, EvacuationItem>();
  const place = (m: Evacuee, id: string, reason: string) => {
    free.set(id, (free.get(id) ?? 0) - m.memoryKiB);
    chosen.set(m.uuid, { uuid: m.uuid, name: m.name, targetConnectionId: id, targetName: byId.get(id)?.name ?? id, reason });
  };
  for (const m of machines) {
    const id = picked.get(m.uuid) ?? fallback;
    if (id !== undefined) place(m, id, picked.has(m.uuid) ? 'chosen' : 'the default target');
  }
  const rest = machines.filter((m) => !chosen.has(m.uuid)).sort((a, b) => b.memoryKiB - a.memoryKiB);
  for (const m of rest) {
    const open = candidates.filter((c) => !c.maintenance);
    let best: Candidate | undefined;
    for (const c of open) if (!best || (free.get(c.connectionId) ?? 0) > (free.get(best.connectionId) ?? 0)) best = c;
    if (!best) {
      chosen.set(m.uuid, {
        uuid: m.uuid,
        name: m.name,
        targetConnectionId: null,
        targetName: null,
        reason: 'no connected host can take it',
      });
    } else {
      const left = free.get(best.connectionId) ?? 0;
      place(m, best.connectionId, left >= m.memoryKiB ? 'the most free memory' : 'the most free memory (less than it needs)');
    }
  }
  return machines.map((m) => chosen.get(m.uuid)!);
}

/** Migrates one machine; resolves when it runs on the target. */
export type MigrateOne = (item: EvacuationItem, ctl: JobControl) => Promise<void>;

export async function runEvacuation(
  items: readonly EvacuationItem[],
  migrate: MigrateOne,
  ctl: JobControl,
  toError: (e: unknown) => AppErrorShape,
): Promise<EvacuationOutcome[]> {
  const steps: JobStep[] = items.map((i) => ({
    label: `${i.name} → ${i.targetName ?? 'nowhere'}`,
    state: 'pending',
    message: null,
  }));
  const outcomes: EvacuationOutcome[] = [];
  const show = (phase: string) =>
    ctl.update({ steps: steps.map((s) => ({ ...s })), phase, progress: outcomes.length / Math.max(1, items.length) });
  for (const [n, item] of items.entries()) {
    const step = steps[n]!;
    if (ctl.signal.aborted) {
      step.message = 'not started: the evacuation was cancelled';
      step.state = 'failed';
      outcomes.push({ uuid: item.uuid, name: item.name, targetConnectionId: item.targetConnectionId, ok: false, error: null });
      continue;
    }
    if (item.targetConnectionId === null) {
      step.state = 'failed';
      step.message = item.reason;
      outcomes.push({
        uuid: item.uuid,
        name: item.name,
        targetConnectionId: null,
        ok: false,
        error: { code: 'operation-invalid', message: item.reason },
      });
      show(`${item.name}: ${item.reason}`);
      continue;
    }
    step.state = 'running';
    show(`migrating ${item.name} to ${item.targetName} (${n + 1} of ${items.length})`);
    // The machine's own progress shows in its step, not as the evacuation's progress.
    const inner: JobControl = {
      signal: ctl.signal,
      update: (p) => {
        if (p.phase) {
          step.message = p.phase;
          show(`migrating ${item.name} to ${item.targetName} (${n + 1} of ${items.length})`);
        }
      },
    };
    try {
      await migrate(item, inner);
      step.state = 'succeeded';
      step.message = `running on ${item.targetName}`;
      outcomes.push({ uuid: item.uuid, name: item.name, targetConnectionId: item.targetConnectionId, ok: true, error: null });
    } catch (e) {
      const error = toError(e);
      step.state = 'failed';
      step.message = error.message;
      outcomes.push({ uuid: item.uuid, name: item.name, targetConnectionId: item.targetConnectionId, ok: false, error });
    }
    show(`${outcomes.filter((o) => o.ok).length} of ${items.length} moved`);
  }
  return outcomes;
}
