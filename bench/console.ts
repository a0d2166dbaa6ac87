/**
 * `npm run bench -- console`: keystroke-to-echo latency of a guest's serial
 * console over qemu+ssh (the lab's sshd), NovaCron's against `virsh console`
 * over the same SSH server. One character at a time, each typed once the
 * previous one's echo came back, many per round; rounds interleaved.
 *
 *   ours    our libvirt client's console stream (LibvirtConnection over ssh2)
 *   ours+ws the whole NovaCron path: headless server, authenticated WebSocket,
 *           binary channel frames, backend, console stream (for information)
 *   virsh   `virsh -c qemu+ssh://... console --force` on a pty (python3 pty)
 *
 * Last line: ratio=<ours/virsh> of the medians.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { api, ConsoleFlags, LibvirtConnection, type LibvirtStream } from '../electron/libvirt/index.js';
import { createBackend } from '../electron/backend/api.js';
import { noSecretStore } from '../electron/backend/credentials/secret-store.js';
import { createMemoryLogger } from '../electron/backend/log.js';
import { startHeadlessServer } from '../electron/server/server.js';
import { fmt, median } from './lab.js';

const KEYS = Number(process.env.BENCH_KEYS ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

interface Lab {
  ssh: string;
  virshSsh: string;
  keyfile: string;
  knownHosts: string;
  vncGuest?: string;
  runningGuest: string;
}

const raw =
  process.env.NOVACRON_LAB_JSON || execFileSync('bash', ['e2e/lab/lab.sh', 'status'], { encoding: 'utf8' }).trim().split('\n').pop();
if (!raw) throw new Error('the lab is not up: run `npm run lab -- up`');
const lab = JSON.parse(raw) as Lab;
// The VNC guest: nobody else's tests use its serial console (the runs take it over with FORCE).
const guest = lab.vncGuest ?? lab.runningGuest;

/** Something that types a byte and hears the guest's bytes. */
interface Line {
  write(s: string): void;
  onData(fn: (s: string) => void): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function typeAndTime(line: Line, n: number): Promise<number[]> {
  let buf = '';
  let waiter: (() => void) | null = null;
  let want = '';
  line.onData((s) => {
    buf += s;
    if (want && buf.includes(want)) {
      const w = waiter;
      waiter = null;
      want = '';
      w?.();
    }
  });
  line.write('\x15\r');
  await sleep(500);
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = LETTERS[i % 26]!;
    buf = '';
    const echoed = new Promise<void>((resolve, reject) => {
      want = c;
      waiter = resolve;
      setTimeout(() => reject(new Error(`no echo of ${c} within 10 s`)), 10_000).unref();
    });
    const t = performance.now();
    line.write(c);
    await echoed;
    ms.push(performance.now() - t);
    if (i % 20 === 19) {
      line.write('\x15');
      await sleep(150);
    }
  }
  line.write('\x15');
  await sleep(150);
  return ms;
}

async function oursClient(conn: LibvirtConnection): Promise<number[]> {
  const dom = await api.lookupDomainByName(conn, guest);
  const stream: LibvirtStream = await api.openConsole(conn, dom, null, ConsoleFlags.FORCE);
  const listeners: Array<(s: string) => void> = [];
  const pump = (async () => {
    try {
      for await (const chunk of stream) for (const l of listeners) l(Buffer.from(chunk).toString('latin1'));
    } catch {
      // aborted at the end
    }
  })();
  const line: Line = { write: (s) => void stream.write(Buffer.from(s, 'latin1')), onData: (fn) => listeners.push(fn) };
  try {
    return await typeAndTime(line, KEYS);
  } finally {
    await stream.abort().catch(() => {});
    await pump;
  }
}

async function oursWs(url: string, connectionId: string, uuid: string): Promise<number[]> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const listeners: Array<(s: string) => void> = [];
  let channel = 0;
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('message', (data, isBinary) => {
      const b = data as Buffer;
      if (isBinary) {
        if (b.readUInt32BE(0) === channel) for (const l of listeners) l(b.subarray(4).toString('latin1'));
        return;
      }
      const m = JSON.parse(b.toString()) as { t: string; ok?: boolean; value?: { channel: number }; error?: { message: string } };
      if (m.t === 'result') {
        if (m.ok) {
          channel = m.value!.channel;
          resolve();
        } else reject(new Error(m.error?.message));
      }
    });
  });
  ws.send(JSON.stringify({ t: 'open', id: 1, kind: 'console.serial', input: { connectionId, uuid, force: true } }));
  await opened;
  const line: Line = {
    write: (s) => {
      const payload = Buffer.from(s, 'latin1');
      const f = Buffer.alloc(4 + payload.length);
      f.writeUInt32BE(channel, 0);
      payload.copy(f, 4);
      ws.send(f);
    },
    onData: (fn) => listeners.push(fn),
  };
  try {
    return await typeAndTime(line, KEYS);
  } finally {
    ws.close();
  }
}

function virsh(): number[] {
  const out = execFileSync('/usr/bin/python3', ['bench/console-virsh.py', lab.virshSsh, guest, String(KEYS)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 300_000,
  });
  return (JSON.parse(out.trim().split('\n').pop()!) as { ms: number[] }).ms;
}

async function main(): Promise<void> {
  const conn = await LibvirtConnection.open(lab.ssh, { keyFile: lab.keyfile, knownHostsFile: lab.knownHosts, reconnect: false });

  // The whole NovaCron path: a backend, its headless server, a WebSocket with the token.
  const dataDir = await mkdtemp(join(tmpdir(), 'novacron-bench-console-'));
  await copyFile(lab.knownHosts, join(dataDir, 'known_hosts'));
  await mkdir(join(dataDir, 'renderer'));
  await writeFile(join(dataDir, 'renderer', 'index.html'), '<!doctype html>');
  const backend = await createBackend({
    dataDir,
    secretStore: noSecretStore,
    shell: 'headless',
    autoConnect: false,
    log: createMemoryLogger(),
  });
  const server = await startHeadlessServer({ backend, rendererDir: join(dataDir, 'renderer'), port: 0, log: createMemoryLogger() });
  const add = await backend.invoke('connections.add', { name: 'bench', uri: lab.ssh, keyFile: lab.keyfile });
  if (!add.ok) throw new Error(add.error.message);
  const connectionId = (add.value as { id: string }).id;
  const up = await backend.invoke('connections.connect', { id: connectionId });
  if (!up.ok) throw new Error(up.error.message);
  const vms = await backend.invoke('vms.list', { connectionId });
  if (!vms.ok) throw new Error(vms.error.message);
  const uuidText = (vms.value as Array<{ name: string; uuid: string }>).find((x) => x.name === guest)!.uuid;
  const url = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`;

  const o: number[] = [];
  const w: number[] = [];
  const v: number[] = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      o.push(...(await oursClient(conn)));
      v.push(...virsh());
      w.push(...(await oursWs(url, connectionId, uuidText)));
    }
  } finally {
    await server.close();
    await backend.close();
    await conn.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  console.log(
    `serial console keystroke-to-echo on ${guest} over qemu+ssh (${lab.ssh}), ${ROUNDS} rounds x ${KEYS} keystrokes, interleaved`,
  );
  console.log(`ours (libvirt client stream): median ${fmt(median(o))}, p90 ${fmt(p(o, 0.9))}, min ${fmt(Math.min(...o))}`);
  console.log(`ours+ws (headless WebSocket channel): median ${fmt(median(w))}, p90 ${fmt(p(w, 0.9))}, min ${fmt(Math.min(...w))}`);
  console.log(`virsh console (pty): median ${fmt(median(v))}, p90 ${fmt(p(v, 0.9))}, min ${fmt(Math.min(...v))}`);
  console.log(`ws_ratio=${(median(w) / median(v)).toFixed(2)}`);
  console.log(`ratio=${(median(o) / median(v)).toFixed(2)}`);
}

await main();
