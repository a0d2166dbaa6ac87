/** A host sweep as history samples, one per derived value, under the series keys of the contract. */
import { hostSeriesKey, vmSeriesKey, type HostSeries, type VmSeries } from '../../../shared/contract/metrics-series.js';
import type { HostSweep } from './feed.js';
import type { Sample } from './history/index.js';

export function samplesOf(s: HostSweep): Sample[] {
  const out: Sample[] = [];
  for (const [series, v] of Object.entries(s.host) as [HostSeries, number][])
    out.push({ key: hostSeriesKey(s.connectionId, series), t: s.t, v });
  for (const vm of s.vms) {
    for (const [series, v] of Object.entries(vm.values) as [VmSeries, number][]) {
      out.push({ key: vmSeriesKey(s.connectionId, vm.uuid, series), t: s.t, v });
    }
  }
  return out;
}
