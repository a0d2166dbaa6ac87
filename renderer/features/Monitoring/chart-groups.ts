/** Which series share a chart: same unit, read together (read and write, received and sent). */
import type { HostSeries, SeriesName, VmSeries } from '../../../shared/contract/metrics-series';
import type { Unit } from './format';

export interface ChartGroup {
  id: string;
  title: string;
  unit: Unit;
  series: SeriesName[];
  /** A fixed y range (percentages). */
  max?: number;
}

export const VM_CHARTS: readonly (ChartGroup & { series: VmSeries[] })[] = [
  { id: 'cpu', title: 'CPU', unit: '%', series: ['cpu_pct', 'cpu_host_pct'], max: 100 },
  { id: 'mem-pct', title: 'Memory used', unit: '%', series: ['mem_used_pct'], max: 100 },
  { id: 'mem', title: 'Memory', unit: 'KiB', series: ['mem_used_kib', 'mem_available_kib'] },
  { id: 'disk', title: 'Disk throughput', unit: 'B/s', series: ['disk_rd_bps', 'disk_wr_bps'] },
  { id: 'disk-iops', title: 'Disk operations', unit: '1/s', series: ['disk_rd_iops', 'disk_wr_iops'] },
  { id: 'net', title: 'Network throughput', unit: 'B/s', series: ['net_rx_bps', 'net_tx_bps'] },
  { id: 'net-pps', title: 'Network packets', unit: '1/s', series: ['net_rx_pps', 'net_tx_pps'] },
];

export const HOST_CHARTS: readonly (ChartGroup & { series: HostSeries[] })[] = [
  { id: 'host-cpu', title: 'CPU', unit: '%', series: ['host_cpu_pct'], max: 100 },
  { id: 'host-mem-pct', title: 'Memory used', unit: '%', series: ['host_mem_used_pct'], max: 100 },
  { id: 'host-mem', title: 'Memory', unit: 'KiB', series: ['host_mem_used_kib'] },
];
