/**
 * Worker-thread entry: owns one SeriesScorer and answers batches from the
 * host. Bundled on its own (see host.ts for where the host looks for it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HostMessage, WorkerMessage, WorkerSetup } from './protocol.js';
import { SeriesScorer } from './stream.js';

function serveHost(): void {
  const port = parentPort;
  if (!port) throw new Error('the anomaly worker must run in a worker thread');
  const scorer = new SeriesScorer((workerData ?? {}) as WorkerSetup);
  port.on('message', (msg: HostMessage) => {
    if (msg.kind === 'forget') {
      for (const id of msg.seriesIds) scorer.forget(id);
      return;
    }
    let reply: WorkerMessage;
    try {
      reply = { kind: 'scored', id: msg.id, results: scorer.scoreBatch(msg.points) };
    } catch (e) {
      reply = { kind: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}

serveHost();
