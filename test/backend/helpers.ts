/** A backend in a fresh temp data dir, with typed call helpers and an event recorder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api.js';
import type { AppErrorShape } from '../../shared/types.js';
import { createBackend, type Backend, type BackendOptions } from '../../electron/backend/api.js';
import { noSecretStore } from '../../electron/backend/credentials/secret-store.js';
import { createMemoryLogger } from '../../electron/backend/log.js';

export async function makeTempDir(prefix = 'novacron-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export interface Recorded {
  name: string;
  payload: unknown;
  /** Position in the recording: `mark()` before an action, then wait for events after it. */
  seq: number;
}

export class EventRecorder {
  readonly events: Recorded[] = [];
  private waiters: { pred: (e: Recorded) => boolean; resolve: (e: Recorded) => void }[] = [];

  push = (name: string, payload: unknown): void => {
    const e = { name, payload, seq: this.events.length };
    this.events.push(e);
    for (const w of [...this.waiters]) {
      if (w.pred(e)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  };

  /** Where the recording stands now; events from here on have seq >= this. */
  mark(): number {
    return this.events.length;
  }

  /** The first event (recorded at or after `from`, or future) matching `pred`. */
  waitFor<T = unknown>(name: string, pred: (payload: T) => boolean = () => true, timeoutMs = 20_000, from = 0): Promise<T> {
    const match = (e: Recorded) => e.seq >= from && e.name === name && pred(e.payload as T);
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen.payload as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${name} event matched within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ pred: match, resolve: (e) => (clearTimeout(timer), resolve(e.payload as T)) });
    });
  }

  named<T = unknown>(name: string): T[] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as T);
  }
}

export interface TestBackend {
  backend: Backend;
  dataDir: string;
  events: EventRecorder;
  logLines: string[];
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  fail(method: string, input: unknown): Promise<AppErrorShape>;
  close(): Promise<void>;
}

export async function startTestBackend(opts: Partial<BackendOptions> & { dataDir?: string } = {}): Promise<TestBackend> {
  const dataDir = opts.dataDir ?? (await makeTempDir());
  const log = createMemoryLogger();
  const backend = await createBackend({ secretStore: noSecretStore, shell: 'headless', validateOutputs: true, log, ...opts, dataDir });
  const events = new EventRecorder();
  const off = backend.onEvent(events.push);
  return {
    backend,
    dataDir,
    events,
    logLines: log.lines,
    async call(method, input) {
      const r = await backend.invoke(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.value as MethodOutput<typeof method>;
    },
    async fail(method, input) {
      const r = await backend.invoke(method, input);
      if (r.ok) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(r.value).slice(0, 200)}`);
      return r.error;
    },
    async close() {
      off();
      await backend.close();
    },
  };
}

/** Removes a test's data dir; retries while a backend that is still closing writes into it (ENOTEMPTY). */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/**
 * One backend for a test file: started before its tests, closed (and its data directory
 * removed) after them. The returned function gives it to the tests.
 */
export function useTestBackend(opts: Parameters<typeof startTestBackend>[0] = {}): () => TestBackend {
  let t: TestBackend | undefined;
  beforeAll(async () => {
    t = await startTestBackend(opts);
  });
  afterAll(async () => {
    await t!.close();
    await removeDir(t!.dataDir);
  });
  return () => {
    if (!t) throw new Error('the test backend has not started');
    return t;
  };
}
