/** How finely each derived series is stored: fine enough for any chart or threshold, coarse enough for ~2 bytes a point. */
import { defaultPrecision } from './history/precision.js';

export function metricPrecision(key: string): number {
  if (key.endsWith('_kib')) return 1024; // memory in KiB: kept to 1 MiB
  return defaultPrecision(key);
}
