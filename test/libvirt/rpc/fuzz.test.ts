/**
 * Decoder fuzzing: random bytes and mutated valid frames (bit flips,
 * truncation, length-word changes, inserted/deleted/duplicated ranges) fed to
 * the FrameDecoder, the reply decoding, the event decoders and a live
 * RpcSession. Only typed errors (XdrError, ConnectionError, LibvirtError) may
 * come out; anything else, or a call that never settles, fails the test.
 * Seeded: the seed is printed, FUZZ_SEED=<n> replays it.
 */
import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConnectionError, LibvirtError } from '../../../electron/libvirt/errors.js';
import { EVENT_KINDS, EVENT_SPECS } from '../../../electron/libvirt/events/specs.js';
import { Dom, RemoteError, typedParams } from '../../../electron/libvirt/protocol/common.js';
import { type Procedure, Program, remoteProc } from '../../../electron/libvirt/protocol/define.js';
import { AUTH_LIST, CONNECT_SUPPORTS_FEATURE } from '../../../electron/libvirt/protocol/connect.js';
import { DomainLifecycleMsg } from '../../../electron/libvirt/protocol/events.js';
import { FrameDecoder } from '../../../electron/libvirt/rpc/frame-decoder.js';
import { MessageType, type Packet, Status, encodeFrame, makeHeader } from '../../../electron/libvirt/rpc/packet.js';
import { decodeReply } from '../../../electron/libvirt/rpc/reply.js';
import { RpcSession } from '../../../electron/libvirt/rpc/session.js';
import { XdrError, array, charArray, encode, i32, optional, str, struct, u64, voidCodec } from '../../../electron/libvirt/xdr/index.js';
import { type Rng, createRng, randomChunks, seedFromEnv } from './helpers/prng.js';

type AnyProc = Procedure<unknown, unknown>;

const dom = { name: 'rpc-fuzz', uuid: new Uint8Array(16).fill(7), id: -1 };
const SAMPLES: Array<{ proc: AnyProc; ret: Uint8Array }> = [
  { proc: remoteProc('F_LOOKUP', 23, struct({ name: str }), struct({ dom: Dom })) as AnyProc, ret: encode(struct({ dom: Dom }), { dom }) },
  { proc: AUTH_LIST as AnyProc, ret: encode(AUTH_LIST.ret, { types: [0, 2] }) },
  { proc: CONNECT_SUPPORTS_FEATURE as AnyProc, ret: encode(CONNECT_SUPPORTS_FEATURE.ret, { supported: true }) },
  {
    proc: remoteProc('F_PARAMS', 253, undefined, struct({ params: typedParams(64), nparams: i32 })) as AnyProc,
    ret: encode(struct({ params: typedParams(64), nparams: i32 }), {
      params: [
        { field: 'cpu.time', type: 4, value: 123456789n },
        { field: 'block.0.name', type: 7, value: 'vda' },
        { field: 'x', type: 5, value: 1.5 },
        { field: 'b', type: 6, value: true },
      ],
      nparams: 4,
    }),
  },
  {
    proc: remoteProc('F_INFO', 6, undefined, struct({ model: charArray(32), memory: u64 })) as AnyProc,
    ret: encode(struct({ model: charArray(32), memory: u64 }), { model: 'x86_64', memory: 4810528n }),
  },
  {
    proc: remoteProc('F_LIST', 273, undefined, struct({ domains: array(Dom, 16384, 24), ret: i32 })) as AnyProc,
    ret: encode(struct({ domains: array(Dom, 16384, 24), ret: i32 }), { domains: [dom, dom], ret: 2 }),
  },
  {
    proc: remoteProc('F_URI', 110, undefined, struct({ uri: optional(str) })) as AnyProc,
    ret: encode(struct({ uri: optional(str) }), { uri: 'qemu:///system' }),
  },
];
const ERROR_PAYLOAD = encode(RemoteError, {
  code: 42,
  domain: 10,
  message: "Domain not found: no domain with matching name 'x'",
  level: 2,
  dom,
  str1: 'Domain not found: %s',
  str2: 'x',
  str3: null,
  int1: -1,
  int2: -1,
  net: null,
});
const EVENT_PAYLOAD = encode(DomainLifecycleMsg, { callbackID: 0, dom, event: 5, detail: 1 });

function isTyped(e: unknown): boolean {
  return e instanceof XdrError || e instanceof ConnectionError || e instanceof LibvirtError;
}

function seedFrame(rng: Rng, serial: number): Buffer {
  const s = rng.pick(SAMPLES);
  const roll = rng.int(6);
  if (roll === 0)
    return encodeFrame(
      makeHeader({ program: Program.REMOTE, procedure: s.proc.proc, type: MessageType.REPLY, serial, status: Status.ERROR }),
      ERROR_PAYLOAD,
    );
  if (roll === 1)
    return encodeFrame(makeHeader({ program: Program.REMOTE, procedure: 318, type: MessageType.MESSAGE, serial: 1 }), EVENT_PAYLOAD);
  if (roll === 2) return encodeFrame(makeHeader({ program: Program.KEEPALIVE, procedure: 1, type: MessageType.MESSAGE, serial: 0 }));
  return encodeFrame(makeHeader({ program: s.proc.program, procedure: s.proc.proc, type: MessageType.REPLY, serial }), s.ret);
}

/** One random mutation of the kinds a broken peer or a bad link produces. */
function mutate(rng: Rng, b: Buffer): Buffer {
  if (b.length === 0) return rng.bytes(rng.int(40));
  const at = rng.int(b.length);
  switch (rng.int(7)) {
    case 0: {
      const c = Buffer.from(b);
      c[at] = c[at]! ^ (1 << rng.int(8));
      return c;
    }
    case 1:
      return b.subarray(0, at);
    case 2: {
      // rewrite a length word (the first, or one at a random 4-aligned offset)
      const c = Buffer.from(b);
      const off = rng.int(2) === 0 ? 0 : Math.min(at & ~3, Math.max(0, c.length - 4));
      if (c.length >= off + 4)
        c.writeUInt32BE(
          rng.pick([0, 27, 28, 29, 33554436, 33554437, 0xffffffff, rng.int(200), c.readUInt32BE(off) + rng.pick([-4, -1, 1, 4])]) >>> 0,
          off,
        );
      return c;
    }
    case 3:
      return Buffer.concat([b.subarray(0, at), rng.bytes(1 + rng.int(16)), b.subarray(at)]);
    case 4:
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + rng.int(16)))]);
    case 5:
      return Buffer.concat([b, b.subarray(at, at + 1 + rng.int(64))]);
    default: {
      const c = Buffer.from(b);
      if (c.length < 4) return c;
      c.writeUInt32BE(rng.int(2 ** 32), Math.min(at & ~3, Math.max(0, c.length - 4)));
      return c;
    }
  }
}

/** A frame whose payload is mutated but whose length word is fixed up: it reaches the payload decoders. */
function framedMutant(rng: Rng): Buffer {
  const frame = seedFrame(rng, 1 + rng.int(3));
  let payload = frame.subarray(28);
  for (let i = 1 + rng.int(3); i > 0; i--) payload = mutate(rng, payload);
  const out = Buffer.concat([frame.subarray(0, 28), payload]);
  out.writeUInt32BE(out.length, 0);
  return out;
}

function caseBytes(rng: Rng): Buffer {
  const roll = rng.int(8);
  if (roll === 0) return rng.bytes(rng.int(300));
  if (roll <= 3) return Buffer.concat(Array.from({ length: 1 + rng.int(3) }, () => framedMutant(rng)));
  let b: Buffer = Buffer.concat(Array.from({ length: 1 + rng.int(4) }, (_, i) => seedFrame(rng, i + 1)));
  const n = 1 + rng.int(4);
  for (let i = 0; i < n; i++) b = mutate(rng, b);
  return b;
}

async function tableProcedures(): Promise<AnyProc[]> {
  // Every procedure of the resource tables (protocol/procedures.ts) is fuzzed too, besides the samples.
  try {
    const m = (await import('../../../electron/libvirt/protocol/procedures.js')) as { PROCEDURES?: readonly AnyProc[] };
    return [...(m.PROCEDURES ?? [])];
  } catch {
    return [];
  }
}

describe('decoder fuzz', () => {
  it('FrameDecoder + reply and event decoding: 20k cases, typed errors only', async () => {
    const rng = createRng(seedFromEnv('decoder fuzz'));
    const procs = [...SAMPLES.map((s) => s.proc), ...(await tableProcedures())];
    const specs = EVENT_KINDS.map((k) => EVENT_SPECS[k]);
    const stats = { packets: 0, protocolCloses: 0, replyErrors: 0, ok: 0 };
    const check = (e: unknown, where: string, caseNo: number) => {
      if (!isTyped(e)) throw new Error(`case ${caseNo} (seed ${rng.seed}): untyped ${String(e)} from ${where}`, { cause: e });
    };
    for (let caseNo = 0; caseNo < 20_000; caseNo++) {
      const decoder = new FrameDecoder('fuzz');
      const packets: Packet[] = [];
      for (const chunk of randomChunks(rng, caseBytes(rng), 6)) {
        try {
          packets.push(...decoder.push(chunk));
        } catch (e) {
          check(e, 'FrameDecoder', caseNo);
          stats.protocolCloses++;
          break;
        }
      }
      for (const p of packets) {
        stats.packets++;
        const proc =
          rng.int(2) === 0 ? (SAMPLES.find((s) => s.proc.proc === p.header.procedure)?.proc ?? rng.pick(procs)) : rng.pick(procs);
        try {
          decodeReply(proc, p, 'fuzz');
          stats.ok++;
        } catch (e) {
          check(e, `decodeReply(${proc.name})`, caseNo);
          stats.replyErrors++;
        }
        const spec = rng.pick(specs);
        try {
          spec.decode(p.payload);
        } catch (e) {
          check(e, `event ${spec.kind}`, caseNo);
        }
      }
    }
    console.log('decoder fuzz', { procedures: procs.length, ...stats });
    expect(stats.packets).toBeGreaterThan(1000);
    expect(stats.ok).toBeGreaterThan(100);
  });

  it('RpcSession fed mutated replies: 2000 cases, every call settles with a typed error or a value', async () => {
    const rng = createRng(seedFromEnv('session fuzz'));
    let settledWithValue = 0;
    for (let caseNo = 0; caseNo < 2000; caseNo++) {
      const toClient = new PassThrough();
      const fromClient = new PassThrough();
      fromClient.resume();
      const session = new RpcSession({
        stream: Duplex.from({ readable: toClient, writable: fromClient }),
        description: 'fuzz peer',
        close: () => toClient.destroy(),
      });
      const chosen = [rng.pick(SAMPLES), rng.pick(SAMPLES), rng.pick(SAMPLES)];
      // Void args: only the reply side is under test here.
      const calls = chosen.map((s) =>
        session.call({ ...s.proc, args: voidCodec }, undefined).then(
          () => 'value' as const,
          (e: unknown) => e,
        ),
      );
      // The session's serials are 1, 2, 3: answer them, mutated, then hang up.
      let bytes: Buffer = Buffer.concat(
        chosen.map((s, i) =>
          encodeFrame(
            makeHeader({
              program: s.proc.program,
              procedure: s.proc.proc,
              type: MessageType.REPLY,
              serial: i + 1,
              status: rng.int(5) === 0 ? Status.ERROR : Status.OK,
            }),
            rng.int(5) === 0 ? ERROR_PAYLOAD : s.ret,
          ),
        ),
      );
      for (let i = rng.int(4); i > 0; i--) bytes = mutate(rng, bytes);
      for (const chunk of randomChunks(rng, bytes, 5)) toClient.write(chunk);
      toClient.end();
      const outcome = await Promise.race([Promise.all(calls), new Promise<'hang'>((r) => setTimeout(() => r('hang'), 2000))]);
      if (outcome === 'hang') throw new Error(`case ${caseNo} (seed ${rng.seed}): a call never settled`);
      for (const o of outcome) {
        if (o === 'value') settledWithValue++;
        else if (!isTyped(o) || o instanceof XdrError) throw new Error(`case ${caseNo} (seed ${rng.seed}): call failed with ${String(o)}`);
      }
      session.close();
    }
    expect(settledWithValue).toBeGreaterThan(100);
  });
});
