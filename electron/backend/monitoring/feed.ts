/**
 * The metrics feed: every host sweep the collector makes, for the features
 * that consume measurements (history, alerts, Prometheus, anomaly detection).
 * It lives in the backend context so those features need not know each other.
 */
import type { SeriesName } from '../../../shared/contract/metrics-series.js';
import type { HostValues, VmValues } from './collector/derive.js';
import type { HistoryStore } from './history/index.js';

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

/** One scored point of the anomaly detector (analytics), for the consumers of scores (the `anomalous` alert rules). */
export interface ScoredSeries {
  connectionId: string;
  /** The machine; absent for a host series. */
  uuid?: string;
  name: string;
  series: SeriesName;
  /** Start of the scored bucket (ms). */
  t: number;
  score: number;
  /** The detector's threshold; anomalous = score reached it. */
  threshold: number;
  anomalous: boolean;
}

export type ScoresListener = (batch: readonly ScoredSeries[]) => void;

export interface MetricsFeed {
  onSweep(listener: SweepListener): () => void;
  publish(sweep: HostSweep): void;
  /** Every batch the anomaly detector scored, flagged or not. */
  onScores(listener: ScoresListener): () => void;
  publishScores(batch: readonly ScoredSeries[]): void;
  /** The history store the monitoring feature keeps, for the features that read history (analytics). */
  history(): Promise<HistoryStore>;
  shareHistory(store: Promise<HistoryStore>): void;
}

export function createMetricsFeed(onError: (e: unknown) => void): MetricsFeed {
  const listeners = new Set<SweepListener>();
  const scoreListeners = new Set<ScoresListener>();
  let shared: Promise<HistoryStore> | null = null;
  return {
    history: () => shared ?? Promise.reject(new Error('no metrics history is kept')),
    shareHistory(store) {
      shared = store;
    },
    onScores(listener) {
      scoreListeners.add(listener);
      return () => scoreListeners.delete(listener);
    },
    publishScores(batch) {
      for (const l of [...scoreListeners]) {
        try {
          l(batch);
        } catch (e) {
          onError(e);
        }
      }
    },
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
