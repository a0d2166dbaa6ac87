/**
 * Remote write: samples from every sweep go into the bounded queue; a batch
 * leaves every `batchMs` (sooner when `maxSamplesPerSend` are waiting), one
 * request at a time so samples reach Prometheus in order. A failure that may
 * heal (no answer, 5xx, 429) keeps the batch and tries again after a growing
 * pause; a refusal (other 4xx) drops the batch and says so in the status.
 * While Prometheus is down the queue fills up to its bounds; once it is back
 * the backlog drains at full speed, oldest first.
 */
import type { RemoteWriteSettings, RemoteWriteStatus } from '../../../../shared/contract/prometheus.js';
import type { Logger } from '../../log.js';
import { postBatch, type PostOutcome } from './post-batch.js';
import { SampleQueue } from './sample-queue.js';
import { SeriesIndex } from './series-index.js';
import type { PromSample } from './sweep-samples.js';
import { encodeWriteRequest } from './write-request.js';

export interface RemoteWriterOptions {
  log: Logger;
  userAgent: string;
  /** Longest pause between retries; default 10 s. */
  maxBackoffMs?: number;
  requestTimeoutMs?: number;
  now?: () => number;
}

export interface RemoteWriter {
  configure(settings: RemoteWriteSettings, token: string | null): void;
  push(samples: readonly PromSample[]): void;
  status(): RemoteWriteStatus;
  close(): Promise<void>;
}

const FIRST_BACKOFF_MS = 500;

/** Doubling pauses from 500 ms up to the cap, each shortened by up to a fifth so that many writers do not retry in step. */
export function backoffMs(failures: number, capMs: number): number {
  const full = Math.min(capMs, FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(full * (0.8 + Math.random() * 0.2));
}

export function createRemoteWriter(opts: RemoteWriterOptions): RemoteWriter {
  const now = opts.now ?? Date.now;
  const maxBackoff = opts.maxBackoffMs ?? 10_000;
  let settings: RemoteWriteSettings | null = null;
  let token: string | null = null;
  let queue: SampleQueue | null = null;
  const series = new SeriesIndex();
  let timer: NodeJS.Timeout | null = null;
  let timerAt: number | null = null;
  let sending: Promise<void> | null = null;
  let abort: AbortController | null = null;
  let failures = 0;
  let closed = false;
  const stats = {
    sentRequests: 0,
    failedAttempts: 0,
    lastSuccessAt: null as number | null,
    lastError: null as RemoteWriteStatus['lastError'],
  };

  const active = () => !closed && settings !== null && settings.enabled && settings.url !== '' && queue !== null;

  function schedule(delayMs: number): void {
    if (!active()) return;
    const at = now() + delayMs;
    if (timer && timerAt !== null && timerAt <= at) return; // an earlier wake-up is already set
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = null;
      void pump();
    }, delayMs);
    timer.unref?.();
  }

  function noteFailure(outcome: Exclude<PostOutcome, { kind: 'ok' }>, samples: number): void {
    const willRetry = outcome.kind === 'retry';
    stats.failedAttempts++;
    stats.lastError = {
      at: now(),
      message: willRetry ? outcome.message : `${outcome.message} (${samples} samples dropped)`,
      ...(outcome.httpStatus !== undefined ? { httpStatus: outcome.httpStatus } : {}),
      willRetry,
    };
    if (!willRetry) opts.log.warn(`Prometheus remote write refused a batch, ${samples} samples dropped: ${outcome.message}`);
    else if (failures === 1 || failures % 20 === 0)
      opts.log.warn(`Prometheus remote write failed (${failures} in a row), retrying: ${outcome.message}`);
  }

  /** Sends the batch in flight (forming one if needed), then decides when to come back. */
  async function pump(): Promise<void> {
    if (!active() || sending) return;
    const q = queue!;
    const s = settings!;
    q.dropExpired(now());
    series.forgetOlderThan(now() - q.windowMs - 60_000);
    const batch = q.takeBatch(s.maxSamplesPerSend);
    if (batch.length === 0) return schedule(s.batchMs);
    const body = encodeWriteRequest(batch);
    const run = async () => {
      abort = new AbortController();
      const outcome = await postBatch({
        url: s.url,
        body,
        token,
        timeoutMs: opts.requestTimeoutMs ?? 30_000,
        userAgent: opts.userAgent,
        signal: abort.signal,
      });
      abort = null;
      if (queue !== q || closed) return; // turned off or closed meanwhile: that queue is gone
      if (outcome.kind === 'ok') {
        q.ackBatch();
        failures = 0;
        stats.sentRequests++;
        stats.lastSuccessAt = now();
        schedule(q.waiting >= s.maxSamplesPerSend ? 0 : s.batchMs);
      } else if (outcome.kind === 'reject') {
        const n = q.rejectBatch();
        failures = 0;
        noteFailure(outcome, n);
        schedule(q.waiting >= s.maxSamplesPerSend ? 0 : s.batchMs);
      } else {
        failures++;
        noteFailure(outcome, batch.length);
        schedule(Math.max(backoffMs(failures, maxBackoff), Math.min(outcome.retryAfterMs ?? 0, 5 * 60_000)));
      }
    };
    sending = run()
      .catch((e: unknown) => opts.log.error('Prometheus remote write failed unexpectedly', e))
      .finally(() => (sending = null));
    await sending;
  }

  return {
    configure(next, nextToken) {
      token = nextToken;
      settings = next;
      if (!next.enabled || next.url === '') {
        // Turned off: what was waiting is discarded, and the counters start afresh when it is turned on again.
        abort?.abort();
        queue = null;
        failures = 0;
        if (timer) clearTimeout(timer);
        timer = null;
        timerAt = null;
        return;
      }
      const maxAgeMs = next.queueMaxAgeMinutes * 60_000;
      // A changed URL keeps the queue: a corrected address receives what waited for the wrong one.
      if (!queue) queue = new SampleQueue(next.queueMaxSamples, maxAgeMs);
      else queue.setLimits(next.queueMaxSamples, maxAgeMs);
      schedule(failures > 0 ? 0 : next.batchMs);
    },
    push(samples) {
      if (!active()) return;
      const q = queue!;
      for (const s of samples) q.push(series.refOf(s), s.t, s.value);
      if (q.waiting >= settings!.maxSamplesPerSend && failures === 0) schedule(0);
    },
    status() {
      const q = queue;
      const on = active();
      return {
        enabled: settings?.enabled ?? false,
        url: settings?.url ?? '',
        state: !on ? 'off' : failures > 0 ? 'retrying' : 'ok',
        queuedSamples: q?.size ?? 0,
        queueMaxSamples: settings?.queueMaxSamples ?? 0,
        oldestQueuedAt: q?.oldestT() ?? null,
        sentSamples: q?.sent ?? 0,
        sentRequests: stats.sentRequests,
        dropped: q ? { ...q.dropped } : { queueFull: 0, tooOld: 0, rejected: 0 },
        failedAttempts: stats.failedAttempts,
        lastSuccessAt: stats.lastSuccessAt,
        nextAttemptAt: on ? timerAt : null,
        lastError: stats.lastError,
      };
    },
    async close() {
      closed = true;
      abort?.abort();
      if (timer) clearTimeout(timer);
      timer = null;
      await sending;
    },
  };
}
