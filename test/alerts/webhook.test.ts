/**
 * The webhook against a real HTTP receiver on 127.0.0.1: the JSON body,
 * retries with growing delays after failures, the last error and the queue
 * visible in the status, giving up after the attempt cap, the bounded queue.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertRule, WebhookBody } from '../../shared/contract/alerts.js';
import { BUILTIN_RULES } from '../../electron/backend/alerts/builtins.js';
import { createWebhook } from '../../electron/backend/alerts/webhook.js';
import { createMemoryLogger } from '../../electron/backend/log.js';
import { openStore, type Store } from '../../electron/backend/store/store.js';
import { makeTempDir, removeDir } from '../backend/helpers.js';
import { waitFor } from '../helpers/lab.js';

let dir: string;
let store: Store;
let server: Server;
let url: string;
/** What the receiver answers next; each request is recorded with its arrival time. */
let answers: number[] = [];
const received: { at: number; body: WebhookBody; req: IncomingMessage }[] = [];

beforeAll(async () => {
  dir = await makeTempDir('novacron-webhook-');
  store = await openStore(dir, createMemoryLogger());
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      received.push({ at: Date.now(), body: JSON.parse(text) as WebhookBody, req });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await removeDir(dir);
});

const rule = BUILTIN_RULES[0] as AlertRule;
const alert = (id: string): Alert => ({
  id,
  ruleId: rule.id,
  ruleName: rule.name,
  severity: 'warning',
  state: 'firing',
  subject: { connectionId: 'c', name: 'host' },
  message: 'm',
  since: 1,
  firedAt: 2,
});
const body = (id: string): WebhookBody => ({ type: 'novacron.alert', alert: alert(id), rule });

describe('alert webhook', () => {
  it('POSTs the JSON body and retries with backoff after a 500, showing the error meanwhile', async () => {
    received.length = 0;
    answers = [500, 500, 200];
    const hook = createWebhook({ store, log: createMemoryLogger(), baseDelayMs: 100 });
    try {
      await hook.configure({ enabled: true, url });
      const before = Date.now();
      hook.send(body('x1'));
      expect(Date.now() - before).toBeLessThan(50); // only enqueued
      // Between the second failure and the third attempt, the failure shows and the delivery waits.
      expect(await waitFor(() => hook.status().lastError === 'attempt 2 failed: the receiver answered HTTP 500', 5000, 5)).toBe(true);
      expect(hook.status().queued).toBe(1);
      expect(await waitFor(() => hook.status().queued === 0, 5000, 10)).toBe(true);
      expect(received).toHaveLength(3);
      expect(received[0]!.req.method).toBe('POST');
      expect(received[0]!.req.headers['content-type']).toBe('application/json');
      expect(received[2]!.body).toEqual(body('x1'));
      // 100 ms then 200 ms between attempts.
      expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(90);
      expect(received[2]!.at - received[1]!.at).toBeGreaterThanOrEqual(190);
      expect(hook.status().lastDeliveredAt).toBeGreaterThanOrEqual(before);
    } finally {
      hook.close();
    }
  });

  it('gives a delivery up after the attempt cap and goes on with the next', async () => {
    received.length = 0;
    answers = [503, 503, 200];
    const hook = createWebhook({ store, log: createMemoryLogger(), baseDelayMs: 20, maxAttempts: 2 });
    try {
      await hook.configure({ enabled: true, url });
      hook.send(body('lost'));
      hook.send(body('kept'));
      expect(await waitFor(() => hook.status().queued === 0, 5000, 10)).toBe(true);
      expect(received.map((r) => r.body.alert.id)).toEqual(['lost', 'lost', 'kept']);
      expect(hook.status()).toMatchObject({
        dropped: 1,
        lastError: expect.stringMatching(/gave up a delivery after 2 attempts: .*HTTP 503/),
      });
    } finally {
      hook.close();
    }
  });

  it('bounds its queue while the receiver is down, and reports an unreachable receiver', async () => {
    const hook = createWebhook({ store, log: createMemoryLogger(), baseDelayMs: 60_000, maxQueue: 3 });
    try {
      await hook.configure({ enabled: true, url: 'http://127.0.0.1:9/nothing-listens' });
      for (let i = 0; i < 10; i++) hook.send(body(`q${i}`));
      expect(hook.status().queued).toBe(3);
      expect(hook.status().dropped).toBe(7);
      expect(await waitFor(() => /ECONNREFUSED/.test(hook.status().lastError ?? ''), 5000, 10)).toBe(true);
      await hook.configure({ enabled: false, url: '' });
      expect(hook.status().queued).toBe(0);
      hook.send(body('ignored'));
      expect(hook.status().queued).toBe(0);
    } finally {
      hook.close();
    }
  });
});
