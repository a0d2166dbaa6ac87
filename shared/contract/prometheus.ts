/**
 * Prometheus: NovaCron's series pushed to a team's Prometheus by remote write
 * (protocol 1.0), and an opt-in /metrics endpoint for it to scrape. Settings
 * live in the store; the remote-write bearer token and the scrape token never
 * do (they go to the secret store, or stay in memory).
 */
import { z } from 'zod';
import { method, mutation } from './define.js';
import { plainText, secret } from './fields.js';

/** An http(s) URL, or '' while remote write has never been configured. */
const writeUrl = z.union([
  z.literal(''),
  plainText(2048)
    .pipe(z.url({ protocol: /^https?$/ }))
    .describe('the receiver, e.g. http://prometheus:9090/api/v1/write'),
]);

/** IPv4 or IPv6 literal the /metrics server binds to: 127.0.0.1 unless the user opens it up. */
const bindAddress = z.union([z.ipv4(), z.ipv6()]);

export const RemoteWriteSettings = z.object({
  enabled: z.boolean(),
  url: writeUrl,
  /** A batch leaves at least this often (or sooner once maxSamplesPerSend are queued). */
  batchMs: z.number().int().min(200).max(60_000),
  maxSamplesPerSend: z.number().int().min(50).max(50_000),
  /** The retry queue keeps at most this many samples; the oldest go first. */
  queueMaxSamples: z.number().int().min(1_000).max(5_000_000),
  /** ...and none older than this: Prometheus refuses samples far behind its head anyway. */
  queueMaxAgeMinutes: z.number().int().min(1).max(120),
});
export type RemoteWriteSettings = z.infer<typeof RemoteWriteSettings>;

export const ExpositionSettings = z.object({
  enabled: z.boolean(),
  bindAddress,
  /** 0 picks a free port at each start (reported in the status). */
  port: z.number().int().min(0).max(65_535),
});
export type ExpositionSettings = z.infer<typeof ExpositionSettings>;

export const PrometheusSettings = z.object({
  remoteWrite: RemoteWriteSettings,
  exposition: ExpositionSettings,
});
export type PrometheusSettings = z.infer<typeof PrometheusSettings>;

export const DEFAULT_PROMETHEUS_SETTINGS: PrometheusSettings = {
  remoteWrite: { enabled: false, url: '', batchMs: 5_000, maxSamplesPerSend: 2_000, queueMaxSamples: 500_000, queueMaxAgeMinutes: 30 },
  exposition: { enabled: false, bindAddress: '127.0.0.1', port: 9939 },
};

/** What the settings page shows: the settings, and whether a bearer token is set (never the token itself). */
export const PrometheusSettingsView = PrometheusSettings.extend({
  remoteWriteHasToken: z.boolean(),
  /** Where that token lives: the OS keychain, or memory only (asked again after a restart). */
  remoteWriteTokenStorage: z.enum(['none', 'secret-store', 'memory']),
});
export type PrometheusSettingsView = z.infer<typeof PrometheusSettingsView>;

export const PrometheusSettingsUpdate = z.object({
  remoteWrite: RemoteWriteSettings.partial()
    .extend({
      /** A bearer token for the receiver; null removes it, absent keeps it. */
      token: secret.min(1).nullable().optional(),
    })
    .optional(),
  exposition: ExpositionSettings.partial()
    .extend({
      /** Issue a new scrape token (the old one stops working at once). */
      regenerateToken: z.boolean().optional(),
    })
    .optional(),
});
export type PrometheusSettingsUpdate = z.infer<typeof PrometheusSettingsUpdate>;

const at = z.number().nullable();

export const RemoteWriteStatus = z.object({
  enabled: z.boolean(),
  url: z.string(),
  /** idle: nothing to send or sending fine; retrying: the last attempt failed and will be repeated. */
  state: z.enum(['off', 'ok', 'retrying']),
  queuedSamples: z.number(),
  queueMaxSamples: z.number(),
  oldestQueuedAt: at,
  sentSamples: z.number(),
  sentRequests: z.number(),
  /** Samples given up on, by why: the queue was full, they outlived its window, or the receiver refused them (4xx). */
  dropped: z.object({ queueFull: z.number(), tooOld: z.number(), rejected: z.number() }),
  failedAttempts: z.number(),
  lastSuccessAt: at,
  nextAttemptAt: at,
  lastError: z
    .object({
      at: z.number(),
      message: z.string(),
      httpStatus: z.number().optional(),
      /** false: the batch was dropped (a 4xx other than 429). */
      willRetry: z.boolean(),
    })
    .nullable(),
});
export type RemoteWriteStatus = z.infer<typeof RemoteWriteStatus>;

export const ExpositionStatus = z.object({
  enabled: z.boolean(),
  listening: z.boolean(),
  address: z.string().nullable(),
  port: z.number().nullable(),
  url: z.string().nullable(),
  /** The bearer token a scraper must send; shown so the user can paste it into Prometheus's config. */
  token: z.string().nullable(),
  /** true when the token survives a restart (kept in the secret store); false: a new one each start. */
  tokenPersisted: z.boolean(),
  scrapes: z.number(),
  refused: z.number(),
  lastError: z.string().nullable(),
});
export type ExpositionStatus = z.infer<typeof ExpositionStatus>;

export const PrometheusStatus = z.object({ remoteWrite: RemoteWriteStatus, exposition: ExpositionStatus });
export type PrometheusStatus = z.infer<typeof PrometheusStatus>;

export const prometheusMethods = {
  'prometheus.settings': method(z.object({}), PrometheusSettingsView),
  'prometheus.updateSettings': mutation(PrometheusSettingsUpdate, PrometheusSettingsView),
  'prometheus.status': method(z.object({}), PrometheusStatus),
} as const;

export const prometheusEvents = {} as const;

export const prometheusContract = { methods: prometheusMethods, events: prometheusEvents };
