/**
 * Many series at once: one detector per series id, created on first sight.
 * This is what the worker runs; it is also usable in-process.
 */
import { createDetector, scorePoint, type DetectorState } from './detector.js';
import { DEFAULT_PARAMS, DEFAULT_THRESHOLD, type DetectorParams } from './params.js';

export interface SeriesPoint {
  readonly seriesId: string;
  /** Sample time, ms since the epoch. */
  readonly t: number;
  readonly value: number;
}

export interface ScoredPoint {
  readonly seriesId: string;
  readonly t: number;
  /** Anomaly score in [0, 1]. */
  readonly score: number;
  /** score >= the threshold. */
  readonly anomalous: boolean;
}

export interface StreamOptions {
  readonly params?: Partial<DetectorParams>;
  /** Score at or above which a point is anomalous (default: the NAB standard-profile threshold). */
  readonly threshold?: number;
}

export class SeriesScorer {
  private readonly detectors = new Map<string, DetectorState>();
  private readonly params: DetectorParams;
  private readonly threshold: number;

  constructor(options: StreamOptions = {}) {
    this.params = { ...DEFAULT_PARAMS, ...options.params };
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
  }

  /** Scores a batch in order; points of one series must arrive oldest first. */
  scoreBatch(points: readonly SeriesPoint[]): ScoredPoint[] {
    const out: ScoredPoint[] = new Array<ScoredPoint>(points.length);
    for (let i = 0; i < points.length; i++) {
      const p = points[i] as SeriesPoint;
      let d = this.detectors.get(p.seriesId);
      if (!d) {
        d = createDetector(this.params);
        this.detectors.set(p.seriesId, d);
      }
      const score = scorePoint(d, p.t, p.value);
      out[i] = { seriesId: p.seriesId, t: p.t, score, anomalous: score >= this.threshold };
    }
    return out;
  }

  /** Drops a series' state (a deleted machine); it starts fresh if it comes back. */
  forget(seriesId: string): void {
    this.detectors.delete(seriesId);
  }

  get size(): number {
    return this.detectors.size;
  }
}
