/**
 * One host sweep as Prometheus samples: every series the sweep gave, in base
 * units, with the labels `connection`, `host` (the hypervisor's hostname,
 * once known), and for machines `vm` (its name) and `uuid`.
 */
import { isHostSeries, isVmSeries } from '../../../../shared/contract/metrics-series.js';
import type { HostSweep } from '../feed.js';
import { HOST_METRICS, VM_METRICS, VM_STATE_METRIC } from './metric-names.js';

/** Label pairs without __name__, in the order they were added. */
export type LabelPairs = readonly (readonly [string, string])[];

export interface PromSample {
  metric: string;
  labels: LabelPairs;
  value: number;
  /** ms since the epoch. */
  t: number;
}

function hostLabels(sweep: HostSweep, hostName: string | undefined): [string, string][] {
  const labels: [string, string][] = [['connection', sweep.connectionId]];
  if (hostName) labels.push(['host', hostName]);
  return labels;
}

export function samplesOfSweep(sweep: HostSweep, hostName: string | undefined): PromSample[] {
  const out: PromSample[] = [];
  const base = hostLabels(sweep, hostName);
  const add = (metric: string, labels: LabelPairs, value: number | undefined, scale: number) => {
    if (value === undefined || !Number.isFinite(value)) return;
    out.push({ metric, labels, value: value * scale, t: sweep.t });
  };
  for (const [k, v] of Object.entries(sweep.host)) {
    if (isHostSeries(k)) add(HOST_METRICS[k].name, base, v, HOST_METRICS[k].scale);
  }
  for (const vm of sweep.vms) {
    const labels: LabelPairs = [...base, ['vm', vm.name], ['uuid', vm.uuid]];
    add(VM_STATE_METRIC.name, labels, vm.state, 1);
    for (const [k, v] of Object.entries(vm.values)) {
      if (isVmSeries(k)) add(VM_METRICS[k].name, labels, v, VM_METRICS[k].scale);
    }
  }
  return out;
}
