/**
 * The remote writer against a scripted receiver on loopback: 5xx, 429 and a
 * refused connection are retried with the same batch until it lands; another
 * 4xx drops the batch and says so; the bearer token and the 1.0 headers go
 * with every request.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../electron/backend/log.js';
import { backoffMs, createRemoteWriter, type RemoteWriter } from '../../../electron/backend/monitoring/prometheus/remote-writer.js';
import type { PromSample } from '../../../electron/backend/monitoring/prometheus/sweep-samples.js';
import { decodeWriteRequest, type TimeSeries } from '../../../electron/backend/monitoring/prometheus/write-request.js';
import { DEFAULT_PROMETHEUS_SETTINGS, type RemoteWriteSettings } from '../../../shared/contract/prometheus.js';
import { waitFor } from '../../helpers/lab.js';

interface Received {
  headers: IncomingMessage['headers'];
  series: TimeSeries[];
}

let server: Server | undefined;
let writer: RemoteWriter | undefined;

afterEach(async () => {
  await writer?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** A receiver answering each request with the next status of `script` (200 once it runs out). */
async function receiver(script: number[]): Promise<{ url: string; got: Received[]; statuses: number[] }> {
  const got: Received[] = [];
  const statuses: number[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = script.shift() ?? 200;
      statuses.push(status);
      got.push({ headers: req.headers, series: decodeWriteRequest(new Uint8Array(Buffer.concat(chunks))) });
      res.writeHead(status, status === 429 ? { 'Retry-After': '0' } : {});
      res.end(status >= 400 ? 'out of order sample' : '');
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1/write`, got, statuses };
}

const T0 = Date.now();
const samples = (from: number, n: number): PromSample[] =>
  Array.from({ length: n }, (_, i) => ({
    metric: 'novacron_host_cpu_percent',
    labels: [['connection', 'c']],
    value: from + i + 0.25,
    t: T0 + (from + i) * 10,
  }));

const settings = (url: string, over: Partial<RemoteWriteSettings> = {}): RemoteWriteSettings => ({
  ...DEFAULT_PROMETHEUS_SETTINGS.remoteWrite,
  enabled: true,
  url,
  batchMs: 100,
  maxSamplesPerSend: 50,
  queueMaxSamples: 1000,
  ...over,
});

const values = (r: Received) => r.series.flatMap((s) => s.samples.map((x) => x.value));

describe('remote writer', () => {
  it('retries 5xx and 429 with the same batch, then sends the rest in order, with the token and headers', async () => {
    const rx = await receiver([503, 500, 429]);
    writer = createRemoteWriter({ log: createMemoryLogger(), userAgent: 'test', maxBackoffMs: 200 });
    writer.configure(settings(rx.url), 's3cret');
    writer.push(samples(0, 30));
    expect(await waitFor(() => writer!.status().sentSamples === 30, 10_000)).toBe(true);
    expect(rx.statuses).toEqual([503, 500, 429, 200]);
    for (const r of rx.got) expect(values(r)).toEqual(samples(0, 30).map((s) => s.value)); // the same batch each time
    const h = rx.got[0]!.headers;
    expect(h.authorization).toBe('Bearer s3cret');
    expect(h['content-encoding']).toBe('snappy');
    expect(h['content-type']).toBe('application/x-protobuf');
    expect(h['x-prometheus-remote-write-version']).toBe('0.1.0');
    const st = writer.status();
    expect(st.failedAttempts).toBe(3);
    expect(st.lastError).toMatchObject({ httpStatus: 429, willRetry: true });
    expect(st.state).toBe('ok');
    expect(st.dropped).toEqual({ queueFull: 0, tooOld: 0, rejected: 0 });

    writer.push(samples(30, 120)); // more than a batch: drains back to back, in order
    expect(await waitFor(() => writer!.status().sentSamples === 150, 10_000)).toBe(true);
    expect(rx.got.slice(4).flatMap(values)).toEqual(samples(30, 120).map((s) => s.value));
    expect(rx.got.slice(4).every((r) => values(r).length <= 50)).toBe(true);
  });

  it('drops a batch the receiver refuses with another 4xx, visibly, and goes on with the next', async () => {
    const rx = await receiver([400]);
    const log = createMemoryLogger();
    writer = createRemoteWriter({ log, userAgent: 'test' });
    writer.configure(settings(rx.url, { maxSamplesPerSend: 10 }), null);
    writer.push(samples(0, 10));
    expect(await waitFor(() => writer!.status().dropped.rejected === 10, 5000)).toBe(true);
    writer.push(samples(10, 5));
    expect(await waitFor(() => writer!.status().sentSamples === 5, 5000)).toBe(true);
    const st = writer.status();
    expect(st.lastError).toMatchObject({ httpStatus: 400, willRetry: false });
    expect(st.lastError?.message).toContain('out of order sample');
    expect(rx.got[0]!.headers.authorization).toBeUndefined();
    expect(log.lines.join('\n')).toContain('10 samples dropped');
  });

  it('keeps the queue while nothing listens, within its bound, and delivers once a receiver appears', async () => {
    const rx = await receiver([]);
    const url = rx.url;
    await new Promise((r) => server!.close(r)); // the port is free now: connections are refused
    server = undefined;
    writer = createRemoteWriter({ log: createMemoryLogger(), userAgent: 'test', maxBackoffMs: 200 });
    writer.configure(settings(url, { queueMaxSamples: 200 }), null);
    writer.push(samples(0, 250));
    expect(await waitFor(() => writer!.status().failedAttempts >= 2, 5000)).toBe(true);
    const st = writer.status();
    expect(st.state).toBe('retrying');
    expect(st.queuedSamples).toBe(200);
    expect(st.dropped.queueFull).toBe(50); // the oldest made room
    expect(st.lastError?.message).toContain('ECONNREFUSED');

    const back = await receiver([]);
    writer.configure(settings(back.url, { queueMaxSamples: 200 }), null); // the URL fixed: the queue goes there
    expect(await waitFor(() => writer!.status().sentSamples === 200, 10_000)).toBe(true);
    expect(back.got.flatMap(values)).toEqual(samples(50, 200).map((s) => s.value));
  });

  it('backs off by doubling up to its cap', () => {
    expect(backoffMs(1, 10_000)).toBeLessThanOrEqual(500);
    expect(backoffMs(1, 10_000)).toBeGreaterThanOrEqual(400);
    expect(backoffMs(3, 10_000)).toBeGreaterThanOrEqual(1600);
    expect(backoffMs(30, 10_000)).toBeLessThanOrEqual(10_000);
    expect(backoffMs(30, 10_000)).toBeGreaterThanOrEqual(8000);
  });
});
