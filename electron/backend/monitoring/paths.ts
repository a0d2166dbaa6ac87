/** Where the metrics history lives inside a data dir (the backend writes it, the CLI reads it). */
import { join } from 'node:path';

export function metricsDir(dataDir: string): string {
  return join(dataDir, 'metrics');
}
