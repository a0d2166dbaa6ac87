/**
 * The optional webhook: each alert that fires or resolves is POSTed as JSON
 * to a configured http(s) URL. Deliveries wait in a bounded queue and go one
 * at a time, in order; a failure (no answer, a non-2xx status) is retried
 * with exponential backoff up to a cap, then given up. Nothing here ever
 * waits on the engine or makes it wait: `send` only enqueues. The last error
 * and the queue length are what `alerts.webhook` shows.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { WebhookSettings, type WebhookBody, type WebhookStatus } from '../../../shared/contract/alerts.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';

export interface WebhookOptions {
  store: Store;
  log: Logger;
  /** First retry delay (default 1 s), doubled per failure up to maxDelayMs (default 60 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts per delivery before it is given up (default 8). */
  maxAttempts?: number;
  /** Deliveries kept waiting at most (default 200); the oldest is dropped to make room. */
  maxQueue?: number;
  timeoutMs?: number;
}

export interface Webhook {
  status(): WebhookStatus;
  configure(settings: WebhookSettings): Promise<WebhookStatus>;
  send(body: WebhookBody): void;
  close(): void;
}

const SETTINGS_KEY = 'alertsWebhook';
const OFF: WebhookSettings = { enabled: false, url: '' };

export function readWebhookSettings(store: Store): WebhookSettings {
  const parsed = WebhookSettings.safeParse((store.data.settings as Record<string, unknown>)[SETTINGS_KEY]);
  return parsed.success ? parsed.data : OFF;
}

/** One POST; resolves on a 2xx answer, rejects with a short reason otherwise. */
function post(url: string, json: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(u, {
      method: 'POST',
      agent: false,
      timeout: timeoutMs,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json), 'User-Agent': 'NovaCron' },
    });
    req.on('response', (res) => {
      res.resume(); // the body is not ours to read
      const code = res.statusCode ?? 0;
      if (code >= 200 && code < 300) resolve();
      else reject(new Error(`the receiver answered HTTP ${code}`));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => reject(e));
    req.end(json);
  });
}

export function createWebhook(opts: WebhookOptions): Webhook {
  const base = opts.baseDelayMs ?? 1000;
  const maxDelay = opts.maxDelayMs ?? 60_000;
  const maxAttempts = opts.maxAttempts ?? 8;
  const maxQueue = opts.maxQueue ?? 200;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let settings = readWebhookSettings(opts.store);
  const queue: string[] = [];
  let attempts = 0;
  let busy = false;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const facts: { dropped: number; lastError?: string; lastErrorAt?: number; lastDeliveredAt?: number } = { dropped: 0 };

  function failed(message: string): void {
    facts.lastError = message;
    facts.lastErrorAt = Date.now();
  }

  function later(): void {
    const delay = Math.min(maxDelay, base * 2 ** Math.max(0, attempts - 1));
    timer = setTimeout(() => {
      timer = null;
      void pump();
    }, delay);
    timer.unref();
  }

  async function pump(): Promise<void> {
    if (busy || timer || closed || !settings.enabled || queue.length === 0) return;
    busy = true;
    const url = settings.url;
    try {
      await post(url, queue[0]!, timeoutMs);
      queue.shift();
      attempts = 0;
      facts.lastDeliveredAt = Date.now();
    } catch (e) {
      attempts++;
      const why = e instanceof Error ? e.message : String(e);
      if (attempts >= maxAttempts) {
        queue.shift();
        attempts = 0;
        facts.dropped++;
        failed(`gave up a delivery after ${maxAttempts} attempts: ${why}`);
        opts.log.warn(`alert webhook: gave up a delivery after ${maxAttempts} attempts: ${why}`);
      } else {
        failed(`attempt ${attempts} failed: ${why}`);
      }
    } finally {
      busy = false;
    }
    if (attempts > 0) later();
    else void pump();
  }

  function status(): WebhookStatus {
    return { ...settings, queued: queue.length, ...facts };
  }

  return {
    status,
    async configure(next) {
      if (next.enabled && next.url === '')
        throw new AppError('invalid-input', 'A webhook needs a URL.', { issues: [{ path: 'url', message: 'a URL is required' }] });
      await opts.store.update((d) => void ((d.settings as Record<string, unknown>)[SETTINGS_KEY] = next));
      const moved = next.url !== settings.url;
      settings = next;
      if (!next.enabled) queue.length = 0; // nothing is owed to a receiver that was switched off
      if (moved && timer) {
        clearTimeout(timer); // a new receiver is tried at once
        timer = null;
        attempts = 0;
      }
      void pump();
      return status();
    },
    send(body) {
      if (!settings.enabled || closed) return;
      queue.push(JSON.stringify(body));
      while (queue.length > maxQueue) {
        queue.splice(busy || attempts > 0 ? 1 : 0, 1); // never the one in flight or being retried
        facts.dropped++;
        failed(`the queue was full (${maxQueue}): the oldest delivery was dropped`);
      }
      void pump();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
