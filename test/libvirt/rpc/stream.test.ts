import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError, LibvirtError } from '../../../electron/libvirt/errors.js';
import { RemoteError } from '../../../electron/libvirt/protocol/common.js';
import { remoteProc } from '../../../electron/libvirt/protocol/define.js';
import { MessageType, type Packet, STREAM_CHUNK_MAX, Status, encodeFrame, makeHeader } from '../../../electron/libvirt/rpc/packet.js';
import { RpcSession } from '../../../electron/libvirt/rpc/session.js';
import { StreamAbortedError } from '../../../electron/libvirt/rpc/stream.js';
import { encode, i64, optional, str, struct, u32 } from '../../../electron/libvirt/xdr/index.js';
import { type FakePeer, createFakePeer } from './helpers/fake-peer.js';

const DOWNLOAD = remoteProc('TEST_DOWNLOAD', 211, struct({ screen: u32 }), struct({ mime: optional(str) }), 'read');
const UPLOAD = remoteProc('TEST_UPLOAD', 208, struct({ n: u32 }), undefined, 'write');
const CONSOLE = remoteProc('TEST_CONSOLE', 201, undefined, undefined, 'both');

let peer: FakePeer;
let session: RpcSession;

afterEach(async () => {
  session?.close();
  await peer?.close();
});

async function setup() {
  peer = await createFakePeer();
  session = new RpcSession(peer.channel);
}

const of = (type: number, status?: number) => (p: Packet) => p.header.type === type && (status === undefined || p.header.status === status);
const streamPkt = (serial: number, proc: number, status: number, payload?: Uint8Array) =>
  peer.send({ procedure: proc, type: MessageType.STREAM, serial, status }, payload);
const errPayload = () =>
  encode(RemoteError, {
    code: 38,
    domain: 18,
    message: 'disk on fire',
    level: 2,
    dom: null,
    str1: null,
    str2: null,
    str3: null,
    int1: -1,
    int2: -1,
    net: null,
  });

async function collect(it: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of it) parts.push(c);
  return Buffer.concat(parts);
}

describe('RpcStream', () => {
  it('downloads: data (even before the REPLY), EOF, automatic finish, server confirmation', async () => {
    await setup();
    const opening = session.openStream(DOWNLOAD, { screen: 0 });
    const call = await peer.nextPacket(of(MessageType.CALL));
    const s = call.header.serial;
    streamPkt(s, 211, Status.CONTINUE, Buffer.from('early-')); // may beat the reply: still queued
    peer.send({ procedure: 211, type: MessageType.REPLY, serial: s }, encode(DOWNLOAD.ret, { mime: 'image/png' }));
    streamPkt(s, 211, Status.CONTINUE, Buffer.from('data'));
    streamPkt(s, 211, Status.CONTINUE); // EOF
    const { ret, stream } = await opening;
    expect(ret).toEqual({ mime: 'image/png' });
    const finish = await peer.nextPacket(of(MessageType.STREAM, Status.OK));
    expect(finish.header).toMatchObject({ serial: s, procedure: 211, program: 0x20008086 });
    expect(finish.length).toBe(28);
    streamPkt(s, 211, Status.OK);
    expect((await collect(stream)).toString()).toBe('early-data');
    await stream.finish(); // idempotent after the automatic finish
    await expect(stream.closed).resolves.toBeUndefined();
  });

  it('fails openStream with the LibvirtError when the REPLY is an error, and drops stray packets', async () => {
    await setup();
    const opening = session.openStream(DOWNLOAD, { screen: 0 });
    const call = await peer.nextPacket(of(MessageType.CALL));
    peer.send({ procedure: 211, type: MessageType.REPLY, serial: call.header.serial, status: Status.ERROR }, errPayload());
    await expect(opening).rejects.toBeInstanceOf(LibvirtError);
    streamPkt(call.header.serial, 211, Status.CONTINUE, Buffer.from('late'));
    await new Promise((r) => setTimeout(r, 50));
    expect(session.stats.dropped).toBe(1);
  });

  it('delivers queued data, then throws the server STREAM/ERROR', async () => {
    await setup();
    const opening = session.openStream(DOWNLOAD, { screen: 0 });
    const s = (await peer.nextPacket(of(MessageType.CALL))).header.serial;
    peer.send({ procedure: 211, type: MessageType.REPLY, serial: s }, encode(DOWNLOAD.ret, { mime: null }));
    streamPkt(s, 211, Status.CONTINUE, Buffer.from('part'));
    streamPkt(s, 211, Status.ERROR, errPayload());
    const { stream } = await opening;
    const it = stream[Symbol.asyncIterator]();
    expect(Buffer.from((await it.next()).value as Uint8Array).toString()).toBe('part');
    await expect(it.next()).rejects.toMatchObject({ code: 38, message: 'disk on fire' });
    await expect(stream.closed).rejects.toBeInstanceOf(LibvirtError);
  });

  it('uploads in chunks of at most 256 KiB, then finishes with STREAM/OK and waits for the confirmation', async () => {
    await setup();
    const opening = session.openStream(UPLOAD, { n: 1 });
    const s = (await peer.nextPacket(of(MessageType.CALL))).header.serial;
    peer.send({ procedure: 208, type: MessageType.REPLY, serial: s });
    const { stream } = await opening;
    const data = Buffer.alloc(2 * STREAM_CHUNK_MAX + 90_000, 5);
    await stream.write(data);
    await stream.write(new Uint8Array(0)); // nothing to send
    let finished = false;
    const finishing = stream.finish().then(() => (finished = true));
    await peer.nextPacket(of(MessageType.STREAM, Status.OK));
    const chunks = peer.received.filter(of(MessageType.STREAM, Status.CONTINUE));
    expect(chunks.map((p) => p.payload.length)).toEqual([STREAM_CHUNK_MAX, STREAM_CHUNK_MAX, 90_000]);
    expect(finished).toBe(false);
    streamPkt(s, 208, Status.OK);
    await finishing;
    await expect(stream.write(Buffer.from('x'))).rejects.toThrow(/done/);
  });

  it('aborts: STREAM/ERROR empty, ignores data already queued, resolves on the confirmation', async () => {
    await setup();
    const opening = session.openStream(CONSOLE, undefined);
    const s = (await peer.nextPacket(of(MessageType.CALL))).header.serial;
    peer.send({ procedure: 201, type: MessageType.REPLY, serial: s });
    const { stream } = await opening;
    const it = stream[Symbol.asyncIterator]();
    const reading = it.next().then(
      () => null,
      (e: unknown) => e,
    );
    const aborting = stream.abort();
    const abortPkt = await peer.nextPacket(of(MessageType.STREAM, Status.ERROR));
    expect(abortPkt.payload.length).toBe(0);
    streamPkt(s, 201, Status.CONTINUE, Buffer.from('queued before the abort'));
    streamPkt(s, 201, Status.CONTINUE);
    streamPkt(s, 201, Status.OK);
    await aborting;
    expect(await reading).toBeInstanceOf(StreamAbortedError);
    await expect(stream.closed).resolves.toBeUndefined();
  });

  it('abort() after EOF (finish already under way) still discards the queued data for the reader', async () => {
    await setup();
    const opening = session.openStream(DOWNLOAD, { screen: 0 });
    const s = (await peer.nextPacket(of(MessageType.CALL))).header.serial;
    // REPLY, data and EOF in one write, as libvirtd often sends them.
    peer.sendRaw(
      Buffer.concat([
        encodeFrame(
          makeHeader({ program: 0x20008086, procedure: 211, type: MessageType.REPLY, serial: s }),
          encode(DOWNLOAD.ret, { mime: null }),
        ),
        encodeFrame(
          makeHeader({ program: 0x20008086, procedure: 211, type: MessageType.STREAM, serial: s, status: Status.CONTINUE }),
          Buffer.from('png'),
        ),
        encodeFrame(makeHeader({ program: 0x20008086, procedure: 211, type: MessageType.STREAM, serial: s, status: Status.CONTINUE })),
      ]),
    );
    const { stream } = await opening;
    await peer.nextPacket(of(MessageType.STREAM, Status.OK)); // the automatic finish
    const aborting = stream.abort();
    streamPkt(s, 211, Status.OK);
    await aborting;
    expect(peer.received.filter(of(MessageType.STREAM, Status.ERROR))).toHaveLength(0); // nothing left to abort remotely
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(StreamAbortedError);
  });

  it('rejects a STREAM_HOLE clearly and aborts the stream on the server', async () => {
    await setup();
    const opening = session.openStream(DOWNLOAD, { screen: 0 });
    const s = (await peer.nextPacket(of(MessageType.CALL))).header.serial;
    peer.send({ procedure: 211, type: MessageType.REPLY, serial: s }, encode(DOWNLOAD.ret, { mime: null }));
    peer.send(
      { procedure: 211, type: MessageType.STREAM_HOLE, serial: s, status: Status.CONTINUE },
      encode(struct({ length: i64, flags: u32 }), { length: 4096n, flags: 0 }),
    );
    const { stream } = await opening;
    await peer.nextPacket(of(MessageType.STREAM, Status.ERROR));
    streamPkt(s, 211, Status.OK);
    const err = await collect(stream).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('unsupported');
    expect((err as Error).message).toMatch(/STREAM_HOLE/);
    await expect(stream.closed).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('fails reads, finish and closed with ConnectionError(closed) when the connection dies', async () => {
    await setup();
    const opening = session.openStream(CONSOLE, undefined);
    const s = (await peer.nextPacket(of(MessageType.CALL))).header.serial;
    peer.send({ procedure: 201, type: MessageType.REPLY, serial: s });
    const { stream } = await opening;
    const reading = collect(stream);
    peer.socket.destroy();
    await expect(reading).rejects.toMatchObject({ kind: 'closed' });
    await expect(stream.closed).rejects.toMatchObject({ kind: 'closed' });
    await expect(stream.finish()).rejects.toMatchObject({ kind: 'closed' });
  });

  it('pauses reading the channel while a slow consumer has > 8 MiB queued, and resumes', async () => {
    await setup();
    const opening = session.openStream(DOWNLOAD, { screen: 0 });
    const s = (await peer.nextPacket(of(MessageType.CALL))).header.serial;
    peer.send({ procedure: 211, type: MessageType.REPLY, serial: s }, encode(DOWNLOAD.ret, { mime: null }));
    const { stream } = await opening;
    const chunk = Buffer.alloc(262_120, 1);
    for (let i = 0; i < 48; i++) streamPkt(s, 211, Status.CONTINUE, chunk); // ~12 MiB
    streamPkt(s, 211, Status.CONTINUE);
    for (let i = 0; i < 100 && !session.readingPaused; i++) await new Promise((r) => setTimeout(r, 20));
    expect(session.readingPaused).toBe(true);
    const eofReached = peer.nextPacket(of(MessageType.STREAM, Status.OK), 10_000);
    const total = (await collect(stream)).length;
    expect(total).toBe(48 * 262_120);
    expect(session.readingPaused).toBe(false);
    await eofReached; // the automatic finish went out once the EOF was read
  });

  it('refuses call() on a stream procedure and openStream() on a plain one', async () => {
    await setup();
    await expect(session.call(DOWNLOAD, { screen: 0 })).rejects.toMatchObject({ kind: 'unsupported' });
    await expect(session.openStream(remoteProc('PLAIN', 59), undefined)).rejects.toMatchObject({ kind: 'unsupported' });
  });
});
