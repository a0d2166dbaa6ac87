/**
 * The detector's one parameter set. It is the same for every series: nothing
 * here is chosen per series. Spans and half-lives count samples (NAB scores
 * rows), times count milliseconds.
 */
export interface DetectorParams {
  /** Samples scored 0 while the baselines learn. */
  warmupPoints: number;
  /** Samples the short-term (median) predictor looks back over. */
  localSpan: number;
  /** Time constant of the slow level under the seasonal profiles, in ms. */
  levelTauMs: number;
  /** Most buckets per day and per week in the seasonal profiles (one per step below that). */
  maxDayBuckets: number;
  maxWeekBuckets: number;
  /** Weight of a new period's values in their seasonal bucket. */
  profileRate: number;
  /** Weight of a new error in each predictor's typical error. */
  errorRate: number;
  /** Fading rate of the surprise histograms (memory of about 1 / rate samples). */
  historyRate: number;
  /** Samples in the moving average of surprise, and in the drift sum. */
  averageSpan: number;
  driftSpan: number;
  /**
   * Beyond the largest value a histogram has seen, the extra value (of
   * surprise, its average or drift) worth one more decade of rarity.
   */
  rarityDecade: number;
  /** Decades of rarity that map to score 1. */
  saturationLog10: number;
  /** Suppression: a score passes at full height only above the fading peak of earlier scores plus a margin. */
  suppressHalfLife: number;
  suppressMargin: number;
  /** Extra margin just after a score passed, fading over boostPoints samples. */
  suppressBoost: number;
  boostPoints: number;
  /** What a suppressed score is multiplied by. */
  suppressFactor: number;
}

export const DEFAULT_PARAMS: Readonly<DetectorParams> = Object.freeze({
  warmupPoints: 150,
  localSpan: 5,
  levelTauMs: 24 * 3600_000,
  maxDayBuckets: 288,
  maxWeekBuckets: 168,
  profileRate: 0.3,
  errorRate: 0.01,
  historyRate: 0.0005,
  averageSpan: 20,
  driftSpan: 20,
  rarityDecade: 1,
  saturationLog10: 5,
  suppressHalfLife: 400,
  suppressMargin: 0.05,
  suppressBoost: 0.1,
  boostPoints: 5,
  suppressFactor: 0.5,
});

/**
 * Default cut-off for `anomalous`. The NAB standard profile's best threshold
 * on the public set is lower (about 0.54, see bench-results/nab/thresholds.json):
 * NAB charges little for a false alarm. Over 20 simulated weeks of clean
 * seasonal noise (test/analytics/synthetic.ts) the highest score was 0.43 to
 * 0.57, so 0.54 gave false alarms in 2 of them and 0.6 in none; NAB still
 * scores about 63 (standard) at 0.6. Callers may pick their own.
 */
export const DEFAULT_THRESHOLD = 0.6;
