/**
 * The metrics feed: every host sweep the collector makes, for the features
 * that consume measurements (history, alerts, Prometheus, anomaly detection).
 * It lives in the backend context so those features need not know each other.
 */
import type { HostValues, VmValues } from './collector/derive.js';

export interface HostSweep {
  connectionId: string;
  /** When the sweep's answers came in (ms since the epoch). */
  t: number;
  /** How long the sweep took, ms. */
  ms: number;
  host: HostValues;
  vms: { uuid: string; name: string; state: number | undefined; values: VmValues }[];
}

export type SweepListener = (sweep: HostSweep) => void;

export interface MetricsFeed {
  onSweep(listener: SweepListener): () => void;
  publish(sweep: HostSweep): void;
}

export function createMetricsFeed(onError: (e: unknown) => void): MetricsFeed {
  const listeners = new Set<SweepListener>();
  return {
    onSweep(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(sweep) {
      for (const l of [...listeners]) {
        try {
          l(sweep);
        } catch (e) {
          onError(e);
        }
      }
    },
  };
}
