/**
 * The right-sizing rules, on percentiles of 1-minute means over 7 days:
 *  - p95 CPU < 20% with more than one vCPU: fewer vCPUs, enough for p95 to
 *    sit at 60% of them;
 *  - p95 CPU > 90%: more vCPUs, the same 60% aim (at least one more);
 *  - p95 memory used < 40%: less memory, enough for p95 to sit at 70% (in
 *    256 MiB steps, at least 512 MiB), when that saves 10% or more;
 *  - p95 memory used > 90%: more memory, the same 70% aim;
 *  - idle: p95 CPU < 2% and p95 network (received + sent) under a floor,
 *    over the last N days (default 3) fully covered by history: shut it down.
 * Sizing needs a day of 1-minute means at least. Changes are proposed for
 * the next boot (mode "config"), never applied here.
 */
import type { MachineSuggestion, UsageBasis } from '../../../../shared/contract/analytics.js';
import type { FleetMachine } from './fleet.js';
import type { MachineUsage } from './usage.js';

export const RULES = {
  cpuLowP95: 20,
  cpuHighP95: 90,
  cpuAimPct: 60,
  memLowP95: 40,
  memHighP95: 90,
  memAimPct: 70,
  idleCpuP95: 2,
  minSizingSamples: 1440,
} as const;

const MEM_STEP_KIB = 256 * 1024;
const MEM_MIN_KIB = 512 * 1024;

export const RULE_TEXT = [
  `fewer vCPUs when p95 CPU < ${RULES.cpuLowP95}% and more than one vCPU; more when p95 CPU > ${RULES.cpuHighP95}% (sized for p95 at ${RULES.cpuAimPct}%)`,
  `less memory when p95 memory used < ${RULES.memLowP95}%; more when > ${RULES.memHighP95}% (sized for p95 at ${RULES.memAimPct}%, 256 MiB steps)`,
  `idle when p95 CPU < ${RULES.idleCpuP95}% and p95 network under the floor over the last N days`,
  'percentiles of 1-minute means from the history; sizing needs at least one day of them; changes apply at the next boot',
  'consolidation: greedy first-fit by memory, largest machine first, onto the hosts with the most room, keeping the headroom free',
];

export interface MachineRef extends FleetMachine {
  connectionId: string;
  hostCpus?: number;
}

const fmt = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)}%`);
const gib = (kib: number) => `${(kib / 1048576).toFixed(2)} GiB`;
const roundUpMem = (kib: number) => Math.max(MEM_MIN_KIB, Math.ceil(kib / MEM_STEP_KIB) * MEM_STEP_KIB);

export function basisOf(m: MachineRef, u: MachineUsage): UsageBasis {
  return {
    from: u.from,
    to: u.to,
    samples: u.samples,
    cpuP50: u.cpuP50,
    cpuP95: u.cpuP95,
    memP95: u.memP95,
    netP95Bps: u.netP95Bps,
    vcpus: m.vcpus,
    memoryKiB: m.memoryKiB,
  };
}

function window(u: MachineUsage): string {
  return `${u.samples} 1-minute means over ${((u.to - u.from) / 86_400_000).toFixed(0)} days`;
}

function resize(m: MachineRef, change: { vcpus?: number; memoryKiB?: number }): MachineSuggestion['action'] {
  return { method: 'vms.setResources', input: { connectionId: m.connectionId, uuid: m.uuid, ...change, mode: 'config' } };
}

/** vCPU and memory suggestions for one machine. */
export function suggestSizes(m: MachineRef, u: MachineUsage): MachineSuggestion[] {
  if (u.samples < RULES.minSizingSamples) return [];
  const out: MachineSuggestion[] = [];
  const basis = basisOf(m, u);
  const who = { connectionId: m.connectionId, uuid: m.uuid, name: m.name, basis };
  const cpu = u.cpuP95;
  if (cpu !== null && cpu < RULES.cpuLowP95 && m.vcpus > 1) {
    const vcpus = Math.max(1, Math.ceil((m.vcpus * cpu) / RULES.cpuAimPct));
    if (vcpus < m.vcpus)
      out.push({
        ...who,
        kind: 'fewer-vcpus',
        reason: `${m.name} mostly leaves its vCPUs unused: p95 CPU ${fmt(cpu)} (p50 ${fmt(u.cpuP50)}) of ${m.vcpus} vCPUs, ${window(u)}; ${vcpus} would do`,
        action: resize(m, { vcpus }),
      });
  } else if (cpu !== null && cpu > RULES.cpuHighP95) {
    let vcpus = Math.max(m.vcpus + 1, Math.ceil((m.vcpus * cpu) / RULES.cpuAimPct));
    if (m.hostCpus !== undefined) vcpus = Math.min(vcpus, m.hostCpus);
    if (vcpus > m.vcpus)
      out.push({
        ...who,
        kind: 'more-vcpus',
        reason: `${m.name} is CPU-saturated: p95 CPU ${fmt(cpu)} of ${m.vcpus} vCPUs, ${window(u)}; give it ${vcpus}`,
        action: resize(m, { vcpus }),
      });
  }
  const mem = u.memP95;
  if (mem !== null && m.memoryKiB > 0 && mem < RULES.memLowP95) {
    const memoryKiB = roundUpMem((m.memoryKiB * mem) / RULES.memAimPct);
    if (memoryKiB <= m.memoryKiB * 0.9)
      out.push({
        ...who,
        kind: 'less-memory',
        reason: `${m.name} mostly leaves its memory unused: p95 memory used ${fmt(mem)} of ${gib(m.memoryKiB)}, ${window(u)}; ${gib(memoryKiB)} would do`,
        action: resize(m, { memoryKiB }),
      });
  } else if (mem !== null && m.memoryKiB > 0 && mem > RULES.memHighP95) {
    const memoryKiB = roundUpMem((m.memoryKiB * mem) / RULES.memAimPct);
    out.push({
      ...who,
      kind: 'more-memory',
      reason: `${m.name} is short of memory: p95 memory used ${fmt(mem)} of ${gib(m.memoryKiB)}, ${window(u)}; give it ${gib(memoryKiB)}`,
      action: resize(m, { memoryKiB }),
    });
  }
  return out;
}

/** The idle suggestion, judged on the last N days (`recent`), which history must cover. */
export function suggestIdle(m: MachineRef, recent: MachineUsage, idleDays: number, idleNetBps: number): MachineSuggestion | undefined {
  if (!m.running || recent.cpuP95 === null) return undefined;
  if (recent.coveredMs < idleDays * 86_400_000 * 0.95) return undefined;
  const netQuiet = recent.netP95Bps === null || recent.netP95Bps < idleNetBps;
  if (recent.cpuP95 >= RULES.idleCpuP95 || !netQuiet) return undefined;
  const net = recent.netP95Bps === null ? 'no network measured' : `p95 network ${recent.netP95Bps.toFixed(0)} B/s`;
  return {
    connectionId: m.connectionId,
    uuid: m.uuid,
    name: m.name,
    basis: basisOf(m, recent),
    kind: 'idle',
    reason: `${m.name} has been idle for ${idleDays} days: p95 CPU ${fmt(recent.cpuP95)}, ${net} (floor ${idleNetBps} B/s), ${recent.samples} 1-minute means; shut it down?`,
    action: { method: 'vms.act', input: { connectionId: m.connectionId, uuid: m.uuid, action: 'shutdown' } },
  };
}
