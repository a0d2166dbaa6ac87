/**
 * Rates and percentages from two consecutive sweeps. Counters only grow
 * while a domain keeps running; a restart, a migration or a reset of the
 * daemon's counters shows as a smaller value or a new domain id. Such an
 * interval yields no rate at all (the next interval starts from the new
 * counters), so no series ever shows a negative or absurd value.
 */
import { DomainState } from '../../../libvirt/index.js';
import type { RawDomain, RawHost } from './raw.js';
import type { HostSeries, VmSeries } from '../../../../shared/contract/metrics-series.js';

/** A percentage share may exceed 100 by a little from timing jitter between the clock and the counters. */
const PCT_SLACK = 1.05;

const RUNNING = DomainState.RUNNING;

/** (cur - prev) / seconds, or undefined when either is missing or the counter went back. */
function rate(prev: number | undefined, cur: number | undefined, seconds: number): number | undefined {
  if (prev === undefined || cur === undefined || cur < prev) return undefined;
  return (cur - prev) / seconds;
}

function clampPct(v: number | undefined): number | undefined {
  if (v === undefined || !Number.isFinite(v) || v < 0 || v > 100 * PCT_SLACK) return undefined;
  return Math.min(v, 100);
}

export type VmValues = Partial<Record<VmSeries, number>>;
export type HostValues = Partial<Record<HostSeries, number>>;

/** The gauges a single sweep gives (no previous sweep needed). */
function gauges(cur: RawDomain, out: VmValues): void {
  if (cur.balloonAvailableKiB !== undefined && cur.balloonUnusedKiB !== undefined && cur.balloonAvailableKiB > 0) {
    const used = Math.max(0, cur.balloonAvailableKiB - cur.balloonUnusedKiB);
    out.mem_used_kib = used;
    out.mem_available_kib = cur.balloonAvailableKiB;
    out.mem_used_pct = (used / cur.balloonAvailableKiB) * 100;
  } else if (cur.balloonCurrentKiB !== undefined && cur.state === RUNNING) {
    // No guest balloon driver: the best available figure is what the domain holds.
    out.mem_available_kib = cur.balloonCurrentKiB;
    if (cur.rssKiB !== undefined) out.mem_used_kib = Math.min(cur.rssKiB, cur.balloonCurrentKiB);
  }
}

/**
 * The series of one domain for the interval from `prev` to `cur` (taken
 * `ms` apart). `hostCpus` is the host's CPU count, for the share of the host.
 */
export function deriveVm(prev: RawDomain | undefined, cur: RawDomain, ms: number, hostCpus: number): VmValues {
  const out: VmValues = {};
  if (cur.state !== RUNNING) return out; // a stopped or paused machine has no rates, and its memory is not in use
  gauges(cur, out);
  if (!prev || prev.id !== cur.id || prev.state !== RUNNING || ms <= 0) return out;
  const s = ms / 1000;
  const cpuNsPerS = rate(prev.cpuTimeNs, cur.cpuTimeNs, s);
  if (cpuNsPerS !== undefined) {
    const vcpus = cur.vcpus ?? prev.vcpus;
    if (vcpus !== undefined && vcpus > 0) {
      const pct = clampPct((cpuNsPerS / 1e9 / vcpus) * 100);
      if (pct !== undefined) out.cpu_pct = pct;
    }
    if (hostCpus > 0) {
      const pct = clampPct((cpuNsPerS / 1e9 / hostCpus) * 100);
      if (pct !== undefined) out.cpu_host_pct = pct;
    }
  }
  const set = (k: VmSeries, v: number | undefined) => {
    if (v !== undefined && Number.isFinite(v)) out[k] = v;
  };
  set('disk_rd_bps', rate(prev.rdBytes, cur.rdBytes, s));
  set('disk_wr_bps', rate(prev.wrBytes, cur.wrBytes, s));
  set('disk_rd_iops', rate(prev.rdReqs, cur.rdReqs, s));
  set('disk_wr_iops', rate(prev.wrReqs, cur.wrReqs, s));
  set('net_rx_bps', rate(prev.rxBytes, cur.rxBytes, s));
  set('net_tx_bps', rate(prev.txBytes, cur.txBytes, s));
  set('net_rx_pps', rate(prev.rxPkts, cur.rxPkts, s));
  set('net_tx_pps', rate(prev.txPkts, cur.txPkts, s));
  return out;
}

export function deriveHost(prev: RawHost | undefined, cur: RawHost): HostValues {
  const out: HostValues = {};
  if (cur.memTotalKiB !== undefined && cur.memFreeKiB !== undefined && cur.memTotalKiB > 0) {
    // Buffers and page cache are reclaimable: "used" is what applications hold.
    const used = Math.max(0, cur.memTotalKiB - cur.memFreeKiB - (cur.memBuffersKiB ?? 0) - (cur.memCachedKiB ?? 0));
    out.host_mem_used_kib = used;
    out.host_mem_used_pct = (used / cur.memTotalKiB) * 100;
  }
  if (prev?.cpuTotalNs !== undefined && prev.cpuIdleNs !== undefined && cur.cpuTotalNs !== undefined && cur.cpuIdleNs !== undefined) {
    const total = cur.cpuTotalNs - prev.cpuTotalNs;
    const idle = cur.cpuIdleNs - prev.cpuIdleNs;
    if (total > 0 && idle >= 0 && idle <= total) {
      const pct = clampPct((1 - idle / total) * 100);
      if (pct !== undefined) out.host_cpu_pct = pct;
    }
  }
  return out;
}
