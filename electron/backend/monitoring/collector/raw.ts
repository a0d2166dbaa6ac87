/**
 * One sweep's raw counters, read out of libvirt's bulk statistics records
 * (CONNECT_GET_ALL_DOMAIN_STATS) in one pass over each record's typed
 * parameters, without building a name -> value object per domain: at 1,000
 * domains every 2 s that object churn would be most of the collector's cost.
 */
import { uuidToString, type DomainStatsRecord } from '../../../libvirt/index.js';

/** What one domain's record holds that the derived series need; absent groups stay undefined. */
export interface RawDomain {
  uuid: string;
  name: string;
  /** libvirt's domain id: changes when the domain restarts (a counter reset). */
  id: number;
  state?: number;
  /** cpu.time, ns. */
  cpuTimeNs?: number;
  vcpus?: number;
  /** balloon.current, KiB: what the domain has now. */
  balloonCurrentKiB?: number;
  /** balloon.available, KiB: the memory the guest sees. */
  balloonAvailableKiB?: number;
  /** balloon.unused, KiB: the guest's free memory. */
  balloonUnusedKiB?: number;
  /** balloon.rss, KiB: the QEMU process's resident memory on the host. */
  rssKiB?: number;
  /** Sums over every disk / NIC. */
  rdBytes?: number;
  wrBytes?: number;
  rdReqs?: number;
  wrReqs?: number;
  rxBytes?: number;
  txBytes?: number;
  rxPkts?: number;
  txPkts?: number;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);
const add = (sum: number | undefined, v: number | undefined): number | undefined => (v === undefined ? sum : (sum ?? 0) + v);

/** block.<n>.rd.bytes -> "rd.bytes" (the part after the index), or undefined for other fields. */
function perDeviceField(field: string, prefix: 'block.' | 'net.'): string | undefined {
  if (!field.startsWith(prefix)) return undefined;
  const dot = field.indexOf('.', prefix.length);
  if (dot < 0) return undefined;
  return field.slice(dot + 1);
}

export function readRawDomain(rec: DomainStatsRecord): RawDomain {
  const d: RawDomain = { uuid: uuidToString(rec.dom.uuid), name: rec.dom.name, id: rec.dom.id };
  for (const p of rec.params) {
    const f = p.field;
    switch (f) {
      case 'state.state':
        d.state = num(p.value);
        continue;
      case 'cpu.time':
        d.cpuTimeNs = num(p.value);
        continue;
      case 'vcpu.current':
        d.vcpus = num(p.value);
        continue;
      case 'balloon.current':
        d.balloonCurrentKiB = num(p.value);
        continue;
      case 'balloon.available':
        d.balloonAvailableKiB = num(p.value);
        continue;
      case 'balloon.unused':
        d.balloonUnusedKiB = num(p.value);
        continue;
      case 'balloon.rss':
        d.rssKiB = num(p.value);
        continue;
    }
    const blk = perDeviceField(f, 'block.');
    if (blk !== undefined) {
      if (blk === 'rd.bytes') d.rdBytes = add(d.rdBytes, num(p.value));
      else if (blk === 'wr.bytes') d.wrBytes = add(d.wrBytes, num(p.value));
      else if (blk === 'rd.reqs') d.rdReqs = add(d.rdReqs, num(p.value));
      else if (blk === 'wr.reqs') d.wrReqs = add(d.wrReqs, num(p.value));
      continue;
    }
    const net = perDeviceField(f, 'net.');
    if (net !== undefined) {
      if (net === 'rx.bytes') d.rxBytes = add(d.rxBytes, num(p.value));
      else if (net === 'tx.bytes') d.txBytes = add(d.txBytes, num(p.value));
      else if (net === 'rx.pkts') d.rxPkts = add(d.rxPkts, num(p.value));
      else if (net === 'tx.pkts') d.txPkts = add(d.txPkts, num(p.value));
    }
  }
  return d;
}

/** The host's cumulative CPU times (ns) and memory (KiB), from NODE_GET_CPU_STATS / NODE_GET_MEMORY_STATS. */
export interface RawHost {
  cpus: number;
  cpuTotalNs?: number;
  cpuIdleNs?: number;
  memTotalKiB?: number;
  memFreeKiB?: number;
  memBuffersKiB?: number;
  memCachedKiB?: number;
}

export function readRawHost(cpus: number, cpu: Record<string, bigint>, mem: Record<string, bigint>): RawHost {
  const total = ['kernel', 'user', 'idle', 'iowait'].reduce<number | undefined>((s, k) => add(s, num(cpu[k])), undefined);
  return {
    cpus,
    ...(total !== undefined ? { cpuTotalNs: total } : {}),
    ...(cpu.idle !== undefined ? { cpuIdleNs: Number(cpu.idle) + Number(cpu.iowait ?? 0n) } : {}),
    ...(mem.total !== undefined ? { memTotalKiB: Number(mem.total) } : {}),
    ...(mem.free !== undefined ? { memFreeKiB: Number(mem.free) } : {}),
    ...(mem.buffers !== undefined ? { memBuffersKiB: Number(mem.buffers) } : {}),
    ...(mem.cached !== undefined ? { memCachedKiB: Number(mem.cached) } : {}),
  };
}
