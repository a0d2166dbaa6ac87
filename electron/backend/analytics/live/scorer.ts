/**
 * Where scoring runs: the detector's worker thread (the bundled
 * anomaly-worker.mjs, see anomaly/host.ts), or, when that script cannot be
 * found (the backend run from TypeScript sources without a bundle), the same
 * scorer in-process, one batch per macrotask. NOVACRON_ANOMALY_WORKER names
 * a worker script explicitly (tests bundle one).
 */
import { pathToFileURL } from 'node:url';
import { AnomalyWorker, locateWorkerScript, SeriesScorer, type ScoredPoint, type SeriesPoint } from '../anomaly/index.js';

export interface Scorer {
  readonly mode: 'worker' | 'in-process';
  score(points: readonly SeriesPoint[]): Promise<ScoredPoint[]>;
  forget(seriesIds: readonly string[]): void;
  close(): Promise<void>;
}

/** The worker script: the env override, else the one next to the bundle, else none. */
export function findWorkerScript(env: NodeJS.ProcessEnv = process.env): URL | null {
  if (env.NOVACRON_ANOMALY_WORKER) return pathToFileURL(env.NOVACRON_ANOMALY_WORKER);
  try {
    return locateWorkerScript();
  } catch {
    return null;
  }
}

export function startWorkerScorer(workerUrl: URL): Scorer {
  const worker = new AnomalyWorker({ workerUrl });
  return {
    mode: 'worker',
    score: (points) => worker.score(points),
    forget: (ids) => worker.forget(ids),
    close: () => worker.close(),
  };
}

export function startInProcessScorer(): Scorer {
  const scorer = new SeriesScorer();
  return {
    mode: 'in-process',
    score: (points) => new Promise((resolve) => setImmediate(() => resolve(scorer.scoreBatch(points)))),
    forget: (ids) => ids.forEach((id) => scorer.forget(id)),
    close: async () => undefined,
  };
}

/** The worker when its script is there, else in-process. */
export function startScorer(workerUrl: URL | null = findWorkerScript()): Scorer {
  return workerUrl ? startWorkerScorer(workerUrl) : startInProcessScorer();
}
