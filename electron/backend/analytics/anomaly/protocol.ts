/** Messages between the host (AnomalyWorker) and the detector worker thread. */
import type { ScoredPoint, SeriesPoint, StreamOptions } from './stream.js';

export type HostMessage =
  | { readonly kind: 'score'; readonly id: number; readonly points: readonly SeriesPoint[] }
  | { readonly kind: 'forget'; readonly seriesIds: readonly string[] };

export type WorkerMessage =
  | { readonly kind: 'scored'; readonly id: number; readonly results: readonly ScoredPoint[] }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** Passed as workerData when the thread starts. */
export type WorkerSetup = StreamOptions;
