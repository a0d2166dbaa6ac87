/** Streaming anomaly detection: per-series detector, many-series scorer, worker thread. */
export { createDetector, scorePoint, type DetectorState } from './detector.js';
export { DEFAULT_PARAMS, DEFAULT_THRESHOLD, type DetectorParams } from './params.js';
export { SeriesScorer, type ScoredPoint, type SeriesPoint, type StreamOptions } from './stream.js';
export { AnomalyWorker, locateWorkerScript, WORKER_FILE, type AnomalyWorkerOptions } from './host.js';
