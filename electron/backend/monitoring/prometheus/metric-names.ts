/**
 * How NovaCron's series are named in Prometheus: base units (bytes, not KiB),
 * `_percent` for the 0-100 shares the app shows, `_per_second` for rates, all
 * under the `novacron_` namespace. One table, read by both remote write and
 * the /metrics endpoint, so a series has the same name on both paths.
 */
import type { HostSeries, VmSeries } from '../../../../shared/contract/metrics-series.js';

export interface MetricSpec {
  name: string;
  help: string;
  /** Multiplies the collector's value into the base unit. */
  scale: number;
}

const KIB = 1024;

export const VM_METRICS: Record<VmSeries, MetricSpec> = {
  cpu_pct: { name: 'novacron_vm_cpu_percent', help: 'Machine CPU use, percent of its vCPUs.', scale: 1 },
  cpu_host_pct: { name: 'novacron_vm_host_cpu_percent', help: "Machine CPU use, percent of the host's CPUs.", scale: 1 },
  mem_used_kib: { name: 'novacron_vm_memory_used_bytes', help: 'Memory used inside the machine.', scale: KIB },
  mem_available_kib: { name: 'novacron_vm_memory_available_bytes', help: 'Memory the machine sees.', scale: KIB },
  mem_used_pct: { name: 'novacron_vm_memory_used_percent', help: 'Memory used, percent of what the machine sees.', scale: 1 },
  disk_rd_bps: { name: 'novacron_vm_disk_read_bytes_per_second', help: 'Disk bytes read per second, all disks.', scale: 1 },
  disk_wr_bps: { name: 'novacron_vm_disk_write_bytes_per_second', help: 'Disk bytes written per second, all disks.', scale: 1 },
  disk_rd_iops: { name: 'novacron_vm_disk_read_requests_per_second', help: 'Disk read requests per second.', scale: 1 },
  disk_wr_iops: { name: 'novacron_vm_disk_write_requests_per_second', help: 'Disk write requests per second.', scale: 1 },
  net_rx_bps: { name: 'novacron_vm_network_receive_bytes_per_second', help: 'Network bytes received per second.', scale: 1 },
  net_tx_bps: { name: 'novacron_vm_network_transmit_bytes_per_second', help: 'Network bytes sent per second.', scale: 1 },
  net_rx_pps: { name: 'novacron_vm_network_receive_packets_per_second', help: 'Network packets received per second.', scale: 1 },
  net_tx_pps: { name: 'novacron_vm_network_transmit_packets_per_second', help: 'Network packets sent per second.', scale: 1 },
};

export const HOST_METRICS: Record<HostSeries, MetricSpec> = {
  host_cpu_pct: { name: 'novacron_host_cpu_percent', help: 'Host CPU use, percent of all its CPUs.', scale: 1 },
  host_mem_used_kib: { name: 'novacron_host_memory_used_bytes', help: 'Host memory in use.', scale: KIB },
  host_mem_used_pct: { name: 'novacron_host_memory_used_percent', help: 'Host memory in use, percent of its total.', scale: 1 },
};

/** libvirt's domain state number (1 running, 3 paused, 5 shut off, ...), for "is it up" panels and alerts. */
export const VM_STATE_METRIC: MetricSpec = {
  name: 'novacron_vm_state',
  help: "libvirt's domain state code (1 running, 3 paused, 5 shut off, 6 crashed).",
  scale: 1,
};

/** Every metric the endpoint may expose, for its HELP and TYPE lines. */
export const ALL_METRICS: readonly MetricSpec[] = [...Object.values(HOST_METRICS), VM_STATE_METRIC, ...Object.values(VM_METRICS)];
