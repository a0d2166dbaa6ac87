/** The busiest machines now, per resource, from the latest values of every machine. */
import type { VmMetricsNow } from '../../../../shared/contract/metrics';
import type { Unit } from '../../Monitoring/format';

export interface Resource {
  id: 'cpu' | 'memory' | 'disk' | 'network';
  title: string;
  unit: Unit;
  value: (v: VmMetricsNow['values']) => number | undefined;
}

const sum = (a: number | undefined, b: number | undefined) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));

export const RESOURCES: readonly Resource[] = [
  { id: 'cpu', title: 'CPU', unit: '%', value: (v) => v.cpu_pct },
  { id: 'memory', title: 'Memory used', unit: 'KiB', value: (v) => v.mem_used_kib },
  { id: 'disk', title: 'Disk I/O (read + write)', unit: 'B/s', value: (v) => sum(v.disk_rd_bps, v.disk_wr_bps) },
  { id: 'network', title: 'Network (rx + tx)', unit: 'B/s', value: (v) => sum(v.net_rx_bps, v.net_tx_bps) },
];

export interface Consumer {
  connectionId: string;
  uuid: string;
  name: string;
  value: number;
}

/** The `n` machines with the highest value (machines without one are left out); ties by name. */
export function topConsumers(vms: readonly VmMetricsNow[], resource: Resource, n = 5): Consumer[] {
  const out: Consumer[] = [];
  for (const v of vms) {
    const value = resource.value(v.values);
    if (value === undefined || !Number.isFinite(value)) continue;
    out.push({ connectionId: v.connectionId, uuid: v.uuid, name: v.name, value });
  }
  return out.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name)).slice(0, n);
}
