/**
 * Consolidation: a host can be emptied when all its running machines fit on
 * the other hosts by memory, keeping `headroomPct` of each receiving host's
 * memory free. A greedy bin packing (first-fit decreasing): the largest
 * machine first, onto the receiving host with the most room left. Each
 * suggestion is judged against the fleet as it is (apply one, then ask
 * again). Machines count at the memory they hold now; CPU is not packed.
 */
import type { ConsolidationSuggestion } from '../../../../shared/contract/analytics.js';
import type { FleetHost } from './fleet.js';

const gib = (kib: number) => `${(kib / 1048576).toFixed(1)} GiB`;

const usedBy = (h: FleetHost) => h.machines.filter((m) => m.running).reduce((s, m) => s + m.memoryKiB, 0);

/** The moves that empty `host`, or undefined when they do not all fit. */
export function packHost(host: FleetHost, others: readonly FleetHost[], headroomPct: number): ConsolidationSuggestion['moves'] | undefined {
  const room = new Map(others.map((o) => [o.connectionId, o.memoryKiB * (1 - headroomPct / 100) - usedBy(o)]));
  const moves: ConsolidationSuggestion['moves'] = [];
  const machines = host.machines.filter((m) => m.running).sort((a, b) => b.memoryKiB - a.memoryKiB);
  for (const m of machines) {
    const target = [...others]
      .sort((a, b) => room.get(b.connectionId)! - room.get(a.connectionId)!)
      .find((o) => room.get(o.connectionId)! >= m.memoryKiB);
    if (!target) return undefined;
    room.set(target.connectionId, room.get(target.connectionId)! - m.memoryKiB);
    moves.push({ uuid: m.uuid, name: m.name, memoryKiB: m.memoryKiB, to: target.connectionId, toName: target.name });
  }
  return moves;
}

export function suggestConsolidation(hosts: readonly FleetHost[], headroomPct: number): ConsolidationSuggestion[] {
  const out: ConsolidationSuggestion[] = [];
  for (const host of hosts) {
    const running = host.machines.filter((m) => m.running);
    if (running.length === 0) continue;
    const others = hosts.filter((h) => h.connectionId !== host.connectionId);
    if (others.length === 0) continue;
    const moves = packHost(host, others, headroomPct);
    if (!moves) continue;
    out.push({
      connectionId: host.connectionId,
      host: host.name,
      headroomPct,
      moves,
      reason: `${host.name}'s ${running.length} running machines (${gib(usedBy(host))}) fit on ${new Set(moves.map((m) => m.toName)).size} other host(s) with ${headroomPct}% memory headroom kept (greedy first-fit by memory)`,
    });
  }
  return out;
}
