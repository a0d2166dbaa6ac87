/**
 * Host side of the detector worker: the collector hands batches to
 * AnomalyWorker.score() and carries on; scoring runs on another thread.
 *
 * Where the worker script comes from. Node's worker_threads need a
 * JavaScript file (or a data: URL / eval string). esbuild does not follow
 * `new Worker(new URL(...))`, so the worker is bundled as an entry of its own:
 *   { in: 'electron/backend/analytics/anomaly/worker.ts', out: 'anomaly-worker', format: 'esm' }
 * in scripts/build-node.mjs gives dist/node/anomaly-worker.mjs, which
 * locateWorkerScript() finds from the bundle (main.mjs, or a chunk under
 * dist/node/chunks/). Running from TypeScript sources (vitest), pass
 * `workerUrl` explicitly: the tests bundle worker.ts with esbuild first, the
 * same way, which also checks that the bundled form works.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { HostMessage, WorkerMessage, WorkerSetup } from './protocol.js';
import type { ScoredPoint, SeriesPoint, StreamOptions } from './stream.js';

export const WORKER_FILE = 'anomaly-worker.mjs';

export interface AnomalyWorkerOptions extends StreamOptions {
  /** The bundled worker script; default: found next to the running bundle. */
  readonly workerUrl?: URL;
}

/** The bundled worker next to (or one folder above) the module at `base`. */
export function locateWorkerScript(base: string = import.meta.url): URL {
  for (const rel of [`./${WORKER_FILE}`, `../${WORKER_FILE}`]) {
    const url = new URL(rel, base);
    if (existsSync(url)) return url;
  }
  throw new Error(`${WORKER_FILE} not found near ${base}: bundle analytics/anomaly/worker.ts as its own entry`);
}

interface Pending {
  resolve(results: ScoredPoint[]): void;
  reject(error: Error): void;
}

export class AnomalyWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(options: AnomalyWorkerOptions = {}) {
    const { workerUrl, ...setup } = options;
    const data: WorkerSetup = setup;
    this.worker = new Worker(workerUrl ?? locateWorkerScript(), { workerData: data });
    this.worker.on('message', (msg: WorkerMessage) => this.settle(msg));
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`anomaly worker exited (code ${code})`)));
    // An idle detector must not keep the process alive.
    this.worker.unref();
  }

  /** Scores a batch; points of one series must be sent oldest first. */
  score(points: readonly SeriesPoint[]): Promise<ScoredPoint[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<ScoredPoint[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.post({ kind: 'score', id, points });
    });
  }

  /** Drops the state of series that no longer exist. */
  forget(seriesIds: readonly string[]): void {
    if (!this.failure) this.post({ kind: 'forget', seriesIds });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('anomaly worker closed');
    await this.worker.terminate();
  }

  private post(msg: HostMessage): void {
    this.worker.postMessage(msg);
  }

  private settle(msg: WorkerMessage): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (this.pending.size === 0) this.worker.unref();
    if (msg.kind === 'scored') p.resolve(msg.results as ScoredPoint[]);
    else p.reject(new Error(msg.message));
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}
