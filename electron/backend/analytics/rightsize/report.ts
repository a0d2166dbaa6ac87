/**
 * analytics.rightsize: per machine of the fleet, its 7-day use from the
 * history and the suggestions of rules.ts, plus consolidation.ts over the
 * hosts. One machine's history per macrotask, so a large fleet does not
 * hold the event loop.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RightsizeReport } from '../../../../shared/contract/analytics.js';
import type { HistoryStore } from '../../monitoring/history/index.js';
import { suggestConsolidation } from './consolidate.js';
import type { FleetHost } from './fleet.js';
import { RULE_TEXT, suggestIdle, suggestSizes } from './rules.js';
import { readMachineUsage } from './usage.js';

export const RIGHTSIZE_WINDOW_MS = 7 * 86_400_000;

export interface RightsizeOptions {
  idleDays: number;
  idleNetBps: number;
  headroomPct: number;
}

export async function rightsizeFleet(
  store: HistoryStore,
  hosts: readonly FleetHost[],
  o: RightsizeOptions,
  now: number,
): Promise<RightsizeReport> {
  const from = now - RIGHTSIZE_WINDOW_MS;
  const idleFrom = now - o.idleDays * 86_400_000;
  const machines: RightsizeReport['machines'] = [];
  for (const host of hosts) {
    for (const m of host.machines) {
      await nextTurn();
      const ref = { ...m, connectionId: host.connectionId, hostCpus: host.cpus };
      const week = await readMachineUsage(store, host.connectionId, m.uuid, from, now);
      if (week.samples === 0) continue;
      machines.push(...suggestSizes(ref, week));
      const idle = suggestIdle(ref, await readMachineUsage(store, host.connectionId, m.uuid, idleFrom, now), o.idleDays, o.idleNetBps);
      if (idle) machines.push(idle);
    }
  }
  return {
    at: now,
    windowMs: RIGHTSIZE_WINDOW_MS,
    machines,
    consolidation: suggestConsolidation(hosts, o.headroomPct),
    rules: [...RULE_TEXT.slice(0, 2), RULE_TEXT[2]!.replace('N days', `${o.idleDays} days`), ...RULE_TEXT.slice(3)],
  };
}
