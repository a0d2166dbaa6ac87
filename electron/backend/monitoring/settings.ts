/** Monitoring settings: kept in the store's open-ended `settings.monitoring`, validated on every read. */
import { MetricsSettings } from '../../../shared/contract/metrics.js';
import type { Store } from '../store/store.js';
import type { Retention } from './history/index.js';

export const DEFAULT_METRICS_SETTINGS: MetricsSettings = {
  intervalMs: 2000,
  recentMinutes: 15,
  retention1mDays: 7,
  retention15mDays: 90,
};

/** The stored settings, or the defaults where a stored value is missing or invalid. */
export function readMetricsSettings(store: Store): MetricsSettings {
  const stored = (store.data.settings as Record<string, unknown>).monitoring;
  const merged = { ...DEFAULT_METRICS_SETTINGS, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = MetricsSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_METRICS_SETTINGS;
}

export async function writeMetricsSettings(store: Store, patch: Partial<MetricsSettings>): Promise<MetricsSettings> {
  const next = MetricsSettings.parse({ ...readMetricsSettings(store), ...patch });
  await store.update((d) => {
    (d.settings as Record<string, unknown>).monitoring = next;
  });
  return next;
}

const DAY = 86_400_000;

export function retentionOf(s: MetricsSettings): Retention {
  return { rawWindowMs: s.recentMinutes * 60_000, oneMinuteMs: s.retention1mDays * DAY, fifteenMinuteMs: s.retention15mDays * DAY };
}
