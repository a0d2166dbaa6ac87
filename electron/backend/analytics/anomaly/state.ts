/**
 * Everything the detector remembers about one series. All of it is fixed-size
 * (rings, histograms, seasonal buckets): nothing grows with the stream.
 */
import { createHistogram, type Histogram } from './histogram.js';
import { DEFAULT_PARAMS, type DetectorParams } from './params.js';
import { createRing, type Ring } from './ring.js';
import type { Profile } from './seasonal.js';

/** Predictors: 0 the median of the last few values, 1 level + daily offset, 2 level + weekly offset. */
export const PREDICTORS = 3;
/** Time steps seen before the sampling step is taken as known. */
export const STEP_SAMPLES = 9;

const HISTOGRAM_BINS = 80;

export interface DetectorState {
  readonly params: DetectorParams;
  /** Samples seen. */
  count: number;
  /** Latest timestamp seen (ms). */
  lastT: number;
  /** Recent positive time steps, to size the seasonal profiles. */
  readonly steps: Ring;
  readonly recent: Ring;
  readonly scratch: Float64Array;
  /** Slow level (exponential, time constant levelTauMs) and mean absolute deviation from it. */
  level: number;
  spread: number;
  /** Created once the step is known. */
  day: Profile | null;
  week: Profile | null;
  /** Per predictor: this sample's signed scaled error, typical absolute error, samples behind it. */
  readonly z: Float64Array;
  readonly typicalError: Float64Array;
  readonly errorSamples: Uint32Array;
  /** Moving average of |surprise|. */
  readonly surprises: Ring;
  surpriseSum: number;
  /** Moving sum of the slow baseline's clipped signed errors, and the drift statistic. */
  readonly drifts: Ring;
  driftSum: number;
  drift: number;
  /** How often each size of surprise, average surprise and drift has been seen lately. */
  readonly instantUp: Histogram;
  readonly instantDown: Histogram;
  readonly averageHist: Histogram;
  readonly driftUp: Histogram;
  readonly driftDown: Histogram;
  /** Suppression: fading peak of raw scores and when a score last passed. */
  peak: number;
  lastPass: number;
}

export function createDetector(overrides: Partial<DetectorParams> = {}): DetectorState {
  const params = { ...DEFAULT_PARAMS, ...overrides };
  const hist = (width: number): Histogram => createHistogram(HISTOGRAM_BINS, width, params.historyRate);
  return {
    params,
    count: 0,
    lastT: Number.NaN,
    steps: createRing(STEP_SAMPLES),
    recent: createRing(params.localSpan),
    scratch: new Float64Array(Math.max(params.localSpan, STEP_SAMPLES)),
    level: 0,
    spread: 0,
    day: null,
    week: null,
    z: new Float64Array(PREDICTORS),
    typicalError: new Float64Array(PREDICTORS),
    errorSamples: new Uint32Array(PREDICTORS),
    surprises: createRing(params.averageSpan),
    surpriseSum: 0,
    drifts: createRing(params.driftSpan),
    driftSum: 0,
    drift: 0,
    instantUp: hist(0.1),
    instantDown: hist(0.1),
    averageHist: hist(0.1),
    driftUp: hist(0.125),
    driftDown: hist(0.125),
    peak: 0,
    lastPass: Number.NEGATIVE_INFINITY,
  };
}
