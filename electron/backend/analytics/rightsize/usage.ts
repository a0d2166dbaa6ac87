/**
 * A machine's use over a window, from the history's 1-minute tier: the
 * percentiles of its 1-minute means of CPU (of its vCPUs), memory used, and
 * network (received + sent), and how many means they rest on.
 */
import { vmSeriesKey, type VmSeries } from '../../../../shared/contract/metrics-series.js';
import type { HistoryStore } from '../../monitoring/history/index.js';
import { percentile } from './percentile.js';

const MINUTE = 60_000;

export interface MachineUsage {
  from: number;
  to: number;
  /** 1-minute CPU means in the window, and the span they cover (ms). */
  samples: number;
  coveredMs: number;
  cpuP50: number | null;
  cpuP95: number | null;
  memP95: number | null;
  netP95Bps: number | null;
}

async function readMeans(store: HistoryStore, connectionId: string, uuid: string, series: VmSeries, from: number, to: number) {
  const r = await store.query(vmSeriesKey(connectionId, uuid, series), from, to, MINUTE);
  return { t: r.t, v: r.avg };
}

/** Received + sent per minute, where both were measured. */
function sumByTime(a: { t: number[]; v: number[] }, b: { t: number[]; v: number[] }): number[] {
  const other = new Map(b.t.map((t, i) => [t, b.v[i]!]));
  const out: number[] = [];
  a.t.forEach((t, i) => {
    const w = other.get(t);
    if (w !== undefined) out.push(a.v[i]! + w);
  });
  return out;
}

export async function readMachineUsage(
  store: HistoryStore,
  connectionId: string,
  uuid: string,
  from: number,
  to: number,
): Promise<MachineUsage> {
  const [cpu, mem, rx, tx] = await Promise.all(
    (['cpu_pct', 'mem_used_pct', 'net_rx_bps', 'net_tx_bps'] as const).map((s) => readMeans(store, connectionId, uuid, s, from, to)),
  );
  const net = sumByTime(rx!, tx!);
  return {
    from,
    to,
    samples: cpu!.t.length,
    coveredMs: cpu!.t.length > 0 ? cpu!.t[cpu!.t.length - 1]! - cpu!.t[0]! + MINUTE : 0,
    cpuP50: percentile(cpu!.v, 50),
    cpuP95: percentile(cpu!.v, 95),
    memP95: percentile(mem!.v, 95),
    netP95Bps: percentile(net, 95),
  };
}
