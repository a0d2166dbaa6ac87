/**
 * Default precisions by the last segment of a series key. Values are stored as whole
 * multiples of their precision, so a coarser precision means smaller deltas and fewer
 * bytes; these are fine enough for any chart or alert threshold.
 */
const BY_SUFFIX: [RegExp, number][] = [
  [/_pct$/, 0.01], // percentages: 0.01 points
  [/_bytes$/, 1024 * 1024], // memory sizes: 1 MiB (charts show GiB to two decimals)
  [/_bps$/, 100], // byte rates: 0.1 kB/s
  [/_(iops|pps)$/, 0.1], // operations and packets per second
];

export function defaultPrecision(key: string): number {
  for (const [re, p] of BY_SUFFIX) if (re.test(key)) return p;
  return 0.001;
}
