/**
 * The upload and download channels through the backend (as the renderer uses them) over
 * qemu+ssh: the window and acks of the upload protocol, the job with its progress, the
 * download's bytes, and cancel by closing the channel.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppErrorShape } from '../../shared/types.js';
import type { BackendChannel } from '../../electron/backend/channels/types.js';
import { makeTempDir, removeDir, startTestBackend, type TestBackend } from '../backend/helpers.js';
import { lab, uniqueName, virshQuiet } from '../helpers/lab.js';
import { layout, MiB, sha256, volumeExists } from './transfer-helpers.js';

interface Open {
  info: Record<string, unknown>;
  channel: BackendChannel;
  received: Buffer[];
  ended: Promise<AppErrorShape | undefined>;
}

describe.skipIf(!lab)('volume transfer channels', () => {
  const L = lab!;
  let t: TestBackend;
  let connectionId: string;
  const made: string[] = [];

  async function open(kind: string, input: unknown): Promise<Open | AppErrorShape> {
    const received: Buffer[] = [];
    let end!: (e: AppErrorShape | undefined) => void;
    const ended = new Promise<AppErrorShape | undefined>((r) => (end = r));
    const r = await t.backend.openChannel(kind, input, { data: (b) => void received.push(Buffer.from(b)), end: (e) => end(e) });
    if (!r.ok) return r.error;
    // The channel table starts a channel with resume() once the client knows its id.
    r.channel.resume();
    return { info: r.info as Record<string, unknown>, channel: r.channel, received, ended };
  }

  const lastAck = (o: Open) => {
    const acks = o.received.map((b) => JSON.parse(b.toString('utf8')) as { acked: number });
    return acks.at(-1)?.acked ?? 0;
  };

  /** Sends `data` as the renderer does: frames, never more than the window unacked. */
  async function sendWindowed(o: Open, data: Buffer, stopAt = Infinity): Promise<number> {
    const frame = o.info.frameBytes as number;
    const windowBytes = o.info.windowBytes as number;
    let sent = 0;
    let maxInFlight = 0;
    while (sent < data.length && sent < stopAt) {
      while (sent - lastAck(o) + frame > windowBytes) await new Promise((r) => setTimeout(r, 5));
      o.channel.write(data.subarray(sent, Math.min(sent + frame, data.length)));
      sent = Math.min(sent + frame, data.length);
      maxInFlight = Math.max(maxInFlight, sent - lastAck(o));
      // Let the backend run between frames, as a socket would.
      await new Promise((r) => setImmediate(r));
    }
    return maxInFlight;
  }

  beforeAll(async () => {
    const dataDir = await makeTempDir('novacron-transfer-');
    await copyFile(L.knownHosts, join(dataDir, 'known_hosts'));
    t = await startTestBackend({ dataDir, autoConnect: false });
    connectionId = (await t.call('connections.add', { name: 'lab-ssh', uri: L.ssh, keyFile: L.keyfile })).id;
    await t.call('connections.connect', { id: connectionId });
  });

  afterAll(async () => {
    for (const n of made) virshQuiet(['vol-delete', '--pool', L.pool, n]);
    await t?.close();
    if (t) await removeDir(t.dataDir);
  });

  it('uploads within the window, acks every byte, runs as a job, and downloads back identical', async () => {
    const name = `${uniqueName('txch')}.iso`;
    made.push(name);
    const data = layout([
      ['data', 5 * MiB + 333],
      ['zero', 2 * MiB],
    ]);
    const o = await open('volume.upload', { connectionId, pool: L.pool, name, size: data.length });
    if (!('channel' in o)) throw new Error(`open failed: ${o.message}`);
    expect(o.info).toMatchObject({ created: true });
    const maxInFlight = await sendWindowed(o, data);
    expect(await o.ended).toBeUndefined();
    expect(maxInFlight).toBeLessThanOrEqual(o.info.windowBytes as number);
    expect(lastAck(o)).toBe(data.length);
    const jobs = await t.call('jobs.list', { connectionId });
    const job = jobs.find((j) => j.id === o.info.jobId)!;
    expect(job).toMatchObject({ kind: 'volume-upload', state: 'succeeded', progress: 1 });
    expect(t.events.named<{ connectionId: string; pool?: string }>('storage.changed').some((e) => e.pool === L.pool)).toBe(true);

    const d = await open('volume.download', { connectionId, pool: L.pool, name });
    if (!('channel' in d)) throw new Error(`open failed: ${d.message}`);
    expect(d.info.size).toBe(data.length);
    expect(await d.ended).toBeUndefined();
    expect(sha256(Buffer.concat(d.received))).toBe(sha256(data));
    const dj = (await t.call('jobs.list', { connectionId })).find((j) => j.id === d.info.jobId)!;
    expect(dj).toMatchObject({ kind: 'volume-download', state: 'succeeded' });
  });

  it('closing the channel mid-upload cancels the job and deletes the new volume', async () => {
    const name = `${uniqueName('txch-cancel')}.img`;
    made.push(name);
    const data = layout([['data', 40 * MiB]]);
    const o = await open('volume.upload', { connectionId, pool: L.pool, name, size: data.length });
    if (!('channel' in o)) throw new Error(`open failed: ${o.message}`);
    await sendWindowed(o, data, 6 * MiB);
    // Bytes acked: the volume exists and is being written.
    while (lastAck(o) === 0) await new Promise((r) => setTimeout(r, 10));
    expect(volumeExists(name)).toBe(true);
    o.channel.close();
    const deadline = Date.now() + 20_000;
    let job;
    while (Date.now() < deadline) {
      job = (await t.call('jobs.list', { connectionId })).find((j) => j.id === o.info.jobId);
      if (job && job.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job?.state).toBe('cancelled');
    expect(volumeExists(name)).toBe(false);
  });

  it('refuses at the open, before any byte: a bad name, an empty file, a file too big, an existing volume', async () => {
    const bad = await open('volume.upload', { connectionId, pool: L.pool, name: '../etc/passwd', size: 10 });
    expect(bad).toMatchObject({ code: 'invalid-input' });
    const empty = await open('volume.upload', { connectionId, pool: L.pool, name: uniqueName('e'), size: 0 });
    expect(empty).toMatchObject({ code: 'invalid-input' });
    const check = await t.call('volumeTransfer.checkUpload', { connectionId, pool: L.pool, name: uniqueName('big'), size: 1 });
    expect(check.problem).toBeNull();
    const name = uniqueName('txch-big');
    const big = await open('volume.upload', { connectionId, pool: L.pool, name, size: check.available + 1024 * MiB });
    expect(big).toMatchObject({ code: 'invalid-input' });
    expect((big as AppErrorShape).message).toMatch(/does not fit/);
    expect(volumeExists(name)).toBe(false);
    const existing = await t.call('volumeTransfer.checkUpload', { connectionId, pool: L.pool, name: made[0]!, size: 1 });
    expect(existing.exists).toBe(true);
    const taken = await open('volume.upload', { connectionId, pool: L.pool, name: made[0]!, size: 1 });
    expect(taken).toMatchObject({ code: 'conflict' });
  });
});
