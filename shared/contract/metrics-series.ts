/**
 * The derived series the collector produces, with their units. Names are the
 * keys the history store, charts, alert rules and the CLI share; they live in
 * the contract because the renderer labels and formats them too.
 */
export const VM_SERIES = {
  cpu_pct: { unit: '%', label: 'CPU (of its vCPUs)' },
  cpu_host_pct: { unit: '%', label: 'CPU (of the host)' },
  mem_used_kib: { unit: 'KiB', label: 'Memory used (guest view)' },
  mem_available_kib: { unit: 'KiB', label: 'Memory the guest sees' },
  mem_used_pct: { unit: '%', label: 'Memory used' },
  disk_rd_bps: { unit: 'B/s', label: 'Disk read' },
  disk_wr_bps: { unit: 'B/s', label: 'Disk write' },
  disk_rd_iops: { unit: '1/s', label: 'Disk read IOPS' },
  disk_wr_iops: { unit: '1/s', label: 'Disk write IOPS' },
  net_rx_bps: { unit: 'B/s', label: 'Network received' },
  net_tx_bps: { unit: 'B/s', label: 'Network sent' },
  net_rx_pps: { unit: '1/s', label: 'Packets received' },
  net_tx_pps: { unit: '1/s', label: 'Packets sent' },
} as const;
export type VmSeries = keyof typeof VM_SERIES;

export const HOST_SERIES = {
  host_cpu_pct: { unit: '%', label: 'Host CPU' },
  host_mem_used_kib: { unit: 'KiB', label: 'Host memory used' },
  host_mem_used_pct: { unit: '%', label: 'Host memory used' },
} as const;
export type HostSeries = keyof typeof HOST_SERIES;

/** A storage pool's sizes, sampled every minute (capacity planning, the pool health line). */
export const POOL_SERIES = {
  alloc_bytes: { unit: 'B', label: 'Pool allocation' },
  capacity_bytes: { unit: 'B', label: 'Pool capacity' },
} as const;
export type PoolSeries = keyof typeof POOL_SERIES;

/** The history store's key of one series: one namespace per host, then the machine (by UUID) or the host itself. */
export const vmSeriesKey = (connectionId: string, uuid: string, series: VmSeries): string => `${connectionId}/vm/${uuid}/${series}`;
export const hostSeriesKey = (connectionId: string, series: HostSeries): string => `${connectionId}/host/${series}`;
export const poolSeriesKey = (connectionId: string, pool: string, series: PoolSeries): string => `${connectionId}/pool/${pool}/${series}`;

export const VM_SERIES_NAMES = Object.keys(VM_SERIES) as [VmSeries, ...VmSeries[]];
export const HOST_SERIES_NAMES = Object.keys(HOST_SERIES) as [HostSeries, ...HostSeries[]];
export type SeriesName = VmSeries | HostSeries;
export const isVmSeries = (s: string): s is VmSeries => Object.hasOwn(VM_SERIES, s);
export const isHostSeries = (s: string): s is HostSeries => Object.hasOwn(HOST_SERIES, s);
