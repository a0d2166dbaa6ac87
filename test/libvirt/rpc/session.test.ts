import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError, LibvirtError } from '../../../electron/libvirt/errors.js';
import { Program, remoteProc } from '../../../electron/libvirt/protocol/define.js';
import { RemoteError } from '../../../electron/libvirt/protocol/common.js';
import { MessageType, Status, encodeFrame, makeHeader } from '../../../electron/libvirt/rpc/packet.js';
import { RpcSession } from '../../../electron/libvirt/rpc/session.js';
import { encode, i32, str, struct, u32 } from '../../../electron/libvirt/xdr/index.js';
import { type FakePeer, createFakePeer } from './helpers/fake-peer.js';

const ECHO = remoteProc('TEST_ECHO', 59, struct({ n: u32 }), struct({ s: str }));
const OTHER = remoteProc('TEST_OTHER', 60, undefined, struct({ v: i32 }));
const isCall = (proc: number) => (p: { header: { type: number; procedure: number } }) =>
  p.header.type === MessageType.CALL && p.header.procedure === proc;

let peer: FakePeer;
let session: RpcSession;

async function setup(opts = {}) {
  peer = await createFakePeer();
  session = new RpcSession(peer.channel, opts);
}

afterEach(async () => {
  session?.close();
  await peer?.close();
});

function reply(serial: number, proc: number, payload: Uint8Array, status: number = Status.OK) {
  peer.send({ procedure: proc, type: MessageType.REPLY, serial, status }, payload);
}

const errPayload = (code: number, message: string) =>
  encode(RemoteError, {
    code,
    domain: 10,
    message,
    level: 2,
    dom: null,
    str1: 'Domain not found: %s',
    str2: 'x',
    str3: null,
    int1: -1,
    int2: -1,
    net: null,
  });

describe('RpcSession', () => {
  it('matches out-of-order replies to their calls by serial', async () => {
    await setup();
    const calls = [1, 2, 3].map((n) => session.call(ECHO, { n }));
    const seen = await Promise.all([1, 2, 3].map(() => peer.nextPacket(isCall(59))));
    for (const p of [...seen].reverse()) reply(p.header.serial, 59, encode(ECHO.ret, { s: `#${p.payload.readUInt32BE(0)}` }));
    expect(await Promise.all(calls)).toEqual([{ s: '#1' }, { s: '#2' }, { s: '#3' }]);
    expect(session.stats.calls).toBe(3);
    expect(session.inFlight).toBe(0);
  });

  it('turns REPLY/ERROR into a LibvirtError with every remote_error field', async () => {
    await setup();
    const call = session.call(ECHO, { n: 1 });
    const p = await peer.nextPacket(isCall(59));
    reply(p.header.serial, 59, errPayload(42, "Domain not found: no domain with matching name 'x'"), Status.ERROR);
    const err = await call.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtError);
    expect(err).toMatchObject({ code: 42, domain: 10, level: 2, str1: 'Domain not found: %s', str2: 'x', int1: -1 });
    expect((err as Error).message).toContain('no domain with matching name');
  });

  it('fails only the one call whose reply does not decode, and stays usable', async () => {
    await setup();
    const bad = session.call(ECHO, { n: 1 });
    const p1 = await peer.nextPacket(isCall(59));
    reply(p1.header.serial, 59, Buffer.from([0, 0, 0, 9, 1])); // string length 9, 1 byte
    const err = await bad.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('protocol');
    expect((err as Error).message).toMatch(/TEST_ECHO/);
    const good = session.call(OTHER, undefined);
    const p2 = await peer.nextPacket(isCall(60));
    reply(p2.header.serial, 60, encode(OTHER.ret, { v: -3 }));
    expect(await good).toEqual({ v: -3 });
    expect(session.isClosed).toBe(false);
  });

  it('never matches a MESSAGE to a pending call, and drops unknown packets', async () => {
    await setup();
    const got: number[] = [];
    session.onMessage(Program.REMOTE, 318, (p) => got.push(p.header.serial));
    const call = session.call(OTHER, undefined);
    const p = await peer.nextPacket(isCall(60));
    // An event with the call's serial (libvirtd uses serial 1 for events).
    peer.send({ procedure: 318, type: MessageType.MESSAGE, serial: p.header.serial }, Buffer.alloc(4));
    peer.send({ procedure: 999, type: MessageType.MESSAGE, serial: 1 }); // nobody handles 999
    reply(p.header.serial + 1000, 60, encode(OTHER.ret, { v: 1 })); // unknown serial
    reply(p.header.serial, 61, encode(OTHER.ret, { v: 1 })); // right serial, wrong procedure
    peer.send({ procedure: 60, type: MessageType.CALL_WITH_FDS, serial: p.header.serial });
    peer.send({ procedure: 60, type: MessageType.STREAM, serial: 4242, status: Status.CONTINUE }, Buffer.from('x'));
    reply(p.header.serial, 60, encode(OTHER.ret, { v: 7 }));
    expect(await call).toEqual({ v: 7 });
    expect(got).toEqual([p.header.serial]);
    expect(session.stats.dropped).toBe(5);
  });

  it('keeps reading when a message handler throws', async () => {
    await setup();
    session.onMessage(Program.REMOTE, 318, () => {
      throw new Error('listener bug');
    });
    const call = session.call(OTHER, undefined);
    const p = await peer.nextPacket(isCall(60));
    peer.send({ procedure: 318, type: MessageType.MESSAGE, serial: 1 });
    reply(p.header.serial, 60, encode(OTHER.ret, { v: 2 }));
    expect(await call).toEqual({ v: 2 });
    expect(session.stats.handlerErrors).toBe(1);
  });

  it('rejects pending calls with ConnectionError(closed) naming the peer when the peer goes away, and later calls at once', async () => {
    await setup();
    const calls = [session.call(OTHER, undefined), session.call(ECHO, { n: 5 })];
    await peer.nextPacket(isCall(59));
    peer.socket.destroy();
    for (const c of calls) {
      const err = await c.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionError);
      expect((err as ConnectionError).kind).toBe('closed');
      expect((err as Error).message).toContain('fake peer');
    }
    const reason = await session.closed;
    expect(reason.kind).toBe('closed');
    const t0 = Date.now();
    await expect(session.call(OTHER, undefined)).rejects.toMatchObject({ kind: 'closed' });
    expect(Date.now() - t0).toBeLessThan(50);
  });

  it('closes with ConnectionError(protocol) on a bad length word and fails what was in flight', async () => {
    await setup();
    const call = session.call(OTHER, undefined);
    await peer.nextPacket(isCall(60));
    const bad = Buffer.alloc(8);
    bad.writeUInt32BE(12, 0);
    peer.sendRaw(bad);
    const reason = await session.closed;
    expect(reason.kind).toBe('protocol');
    await expect(call).rejects.toMatchObject({ kind: 'closed' });
  });

  it('times a call out when asked, and drops the late reply', async () => {
    await setup({ callTimeoutMs: 10_000 });
    const call = session.call(OTHER, undefined, { timeoutMs: 100 });
    const p = await peer.nextPacket(isCall(60));
    await expect(call).rejects.toMatchObject({ kind: 'timeout' });
    reply(p.header.serial, 60, encode(OTHER.ret, { v: 1 }));
    const next = session.call(OTHER, undefined);
    const p2 = await peer.nextPacket(isCall(60));
    reply(p2.header.serial, 60, encode(OTHER.ret, { v: 2 }));
    expect(await next).toEqual({ v: 2 });
    expect(session.stats.dropped).toBe(1);
  });

  it('wraps serials around the u32 range', async () => {
    await setup({ firstSerial: 0xffffffff });
    const a = session.call(OTHER, undefined);
    const b = session.call(OTHER, undefined);
    const pa = await peer.nextPacket(isCall(60));
    const pb = await peer.nextPacket(isCall(60));
    expect([pa.header.serial, pb.header.serial]).toEqual([0xffffffff, 0]);
    reply(0, 60, encode(OTHER.ret, { v: 0 }));
    reply(0xffffffff, 60, encode(OTHER.ret, { v: 1 }));
    expect(await Promise.all([a, b])).toEqual([{ v: 1 }, { v: 0 }]);
  });

  it('rejects args that do not encode, without sending anything', async () => {
    await setup();
    await expect(session.call(ECHO, { n: -1 })).rejects.toThrow(/not an unsigned int/);
    await expect(session.call(ECHO, {} as { n: number })).rejects.toThrow(/missing field/);
    expect(session.stats.packetsOut).toBe(0);
  });

  it('waits for drain when the channel is full (backpressure)', async () => {
    await setup();
    peer.socket.pause();
    const big = Buffer.alloc(1024 * 1024);
    const header = makeHeader({ program: Program.REMOTE, procedure: 1, type: MessageType.STREAM, serial: 1, status: Status.CONTINUE });
    const writes = Array.from({ length: 16 }, () => session.sendPacket(header, big));
    let settled = 0;
    for (const w of writes) void w.then(() => settled++);
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toBeLessThan(writes.length);
    peer.socket.resume();
    await Promise.all(writes);
    expect(session.stats.bytesOut).toBe(16 * (big.length + 28));
  });

  it('answers PING with PONG (MESSAGE, serial 0, empty)', async () => {
    await setup();
    peer.sendRaw(encodeFrame(makeHeader({ program: Program.KEEPALIVE, procedure: 1, type: MessageType.MESSAGE, serial: 0 })));
    const pong = await peer.nextPacket((p) => p.header.program === Program.KEEPALIVE);
    expect(pong.header).toMatchObject({ procedure: 2, type: MessageType.MESSAGE, serial: 0, status: 0 });
    expect(pong.length).toBe(28);
  });
});
