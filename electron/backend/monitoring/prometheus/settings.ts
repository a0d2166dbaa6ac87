/**
 * Prometheus settings in the store's open-ended `settings` object, checked
 * on every read: a section that does not match the schema (hand-edited, or
 * from another version) falls back to the defaults instead of breaking the
 * feature.
 */
import {
  DEFAULT_PROMETHEUS_SETTINGS,
  ExpositionSettings,
  PrometheusSettings,
  RemoteWriteSettings,
  type PrometheusSettingsUpdate,
} from '../../../../shared/contract/prometheus.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';

const KEY = 'prometheus';

function readSection<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  stored: unknown,
  fallback: T,
): T {
  if (stored === null || typeof stored !== 'object') return fallback;
  const parsed = schema.safeParse({ ...fallback, ...(stored as object) });
  return parsed.success ? parsed.data : fallback;
}

export function readSettings(store: Store, log?: Logger): PrometheusSettings {
  const raw = (store.data.settings as Record<string, unknown>)[KEY];
  if (raw === undefined) return structuredClone(DEFAULT_PROMETHEUS_SETTINGS);
  const stored = (raw ?? {}) as Partial<Record<keyof PrometheusSettings, unknown>>;
  const out: PrometheusSettings = {
    remoteWrite: readSection(RemoteWriteSettings, stored.remoteWrite, DEFAULT_PROMETHEUS_SETTINGS.remoteWrite),
    exposition: readSection(ExpositionSettings, stored.exposition, DEFAULT_PROMETHEUS_SETTINGS.exposition),
  };
  if (!PrometheusSettings.safeParse(raw).success)
    log?.warn('the stored Prometheus settings were partly unusable; defaults are used for those parts');
  return out;
}

/** The settings after an update, checked as a whole; the tokens are not part of them. */
export function mergeSettings(current: PrometheusSettings, update: PrometheusSettingsUpdate): PrometheusSettings {
  const { token: _token, ...remoteWrite } = update.remoteWrite ?? {};
  const { regenerateToken: _regenerate, ...exposition } = update.exposition ?? {};
  const next: PrometheusSettings = {
    remoteWrite: { ...current.remoteWrite, ...remoteWrite },
    exposition: { ...current.exposition, ...exposition },
  };
  if (next.remoteWrite.enabled && next.remoteWrite.url === '')
    throw new AppError('invalid-input', 'Remote write needs the URL of the receiver.', {
      issues: [{ path: 'remoteWrite.url', message: 'a URL is required while remote write is on' }],
    });
  if (next.remoteWrite.queueMaxSamples < next.remoteWrite.maxSamplesPerSend * 2)
    throw new AppError('invalid-input', 'The queue must hold at least two batches.', {
      issues: [{ path: 'remoteWrite.queueMaxSamples', message: 'at least twice maxSamplesPerSend' }],
    });
  return PrometheusSettings.parse(next);
}

export async function saveSettings(store: Store, settings: PrometheusSettings): Promise<void> {
  await store.update((d) => {
    (d.settings as Record<string, unknown>)[KEY] = settings;
  });
}
