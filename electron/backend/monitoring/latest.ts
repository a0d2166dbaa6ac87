/** The latest values of every machine and host, from the last sweep of each host (for dashboards and first paints). */
import type { HostMetricsNow, VmMetricsNow } from '../../../shared/contract/metrics.js';
import type { HostSweep } from './feed.js';

export interface LatestValues {
  record(sweep: HostSweep): { host: HostMetricsNow; vms: VmMetricsNow[] };
  forget(connectionId: string): void;
  vms(): VmMetricsNow[];
  hosts(): HostMetricsNow[];
}

export function createLatestValues(): LatestValues {
  const byHost = new Map<string, { host: HostMetricsNow; vms: VmMetricsNow[] }>();
  return {
    record(s) {
      const host: HostMetricsNow = { connectionId: s.connectionId, t: s.t, sweepMs: s.ms, values: s.host };
      // Machines without any value (stopped, or a test driver's) carry nothing worth sending.
      const vms: VmMetricsNow[] = s.vms
        .filter((v) => Object.keys(v.values).length > 0)
        .map((v) => ({ connectionId: s.connectionId, uuid: v.uuid, name: v.name, t: s.t, values: v.values }));
      const entry = { host, vms };
      byHost.set(s.connectionId, entry);
      return entry;
    },
    forget: (id) => void byHost.delete(id),
    vms: () => [...byHost.values()].flatMap((e) => e.vms),
    hosts: () => [...byHost.values()].map((e) => e.host),
  };
}
