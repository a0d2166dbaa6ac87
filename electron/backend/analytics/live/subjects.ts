/** A host sweep as (series key, value) pairs, with who each series belongs to. */
import { hostSeriesKey, vmSeriesKey, type HostSeries, type SeriesName, type VmSeries } from '../../../../shared/contract/metrics-series.js';
import type { HostSweep } from '../../monitoring/feed.js';

export interface SeriesOwner {
  connectionId: string;
  uuid?: string;
  name: string;
  series: SeriesName;
}

export interface SweepValue {
  key: string;
  value: number;
  owner: SeriesOwner;
}

/** Every machine and host value of the sweep, keyed as in the history store. */
export function listSweepValues(s: HostSweep, hostName: string): SweepValue[] {
  const out: SweepValue[] = [];
  for (const [series, value] of Object.entries(s.host) as [HostSeries, number][]) {
    out.push({ key: hostSeriesKey(s.connectionId, series), value, owner: { connectionId: s.connectionId, name: hostName, series } });
  }
  for (const vm of s.vms) {
    for (const [series, value] of Object.entries(vm.values) as [VmSeries, number][]) {
      out.push({
        key: vmSeriesKey(s.connectionId, vm.uuid, series),
        value,
        owner: { connectionId: s.connectionId, uuid: vm.uuid, name: vm.name, series },
      });
    }
  }
  return out;
}
