import { afterEach, describe, expect, it } from 'vitest';
import { Program, remoteProc } from '../../../electron/libvirt/protocol/define.js';
import { MessageType, encodeFrame, makeHeader } from '../../../electron/libvirt/rpc/packet.js';
import { RpcSession } from '../../../electron/libvirt/rpc/session.js';
import { type FakePeer, createFakePeer } from './helpers/fake-peer.js';

let peer: FakePeer;
let session: RpcSession;

afterEach(async () => {
  session?.close();
  await peer?.close();
});

const isPing = (p: { header: { program: number; procedure: number } }) =>
  p.header.program === Program.KEEPALIVE && p.header.procedure === 1;
const pong = () => encodeFrame(makeHeader({ program: Program.KEEPALIVE, procedure: 2, type: MessageType.MESSAGE, serial: 0 }));

describe('Keepalive (client side)', () => {
  it('pings after an idle interval and declares a silent peer dead after count intervals', async () => {
    peer = await createFakePeer();
    session = new RpcSession(peer.channel);
    const pending = session.call(remoteProc('TEST', 59), undefined);
    const t0 = performance.now();
    session.keepalive.start({ intervalMs: 200, count: 3 });
    const reason = await session.closed;
    const elapsed = performance.now() - t0;
    expect(reason.kind).toBe('closed');
    expect(reason.message).toMatch(/no keepalive response from fake peer .* for 0\.[6-9] s/);
    expect(elapsed).toBeGreaterThanOrEqual(780);
    expect(elapsed).toBeLessThan(2000);
    expect(peer.received.filter(isPing)).toHaveLength(3);
    await expect(pending).rejects.toMatchObject({ kind: 'closed' });
    expect(session.keepalive.running).toBe(false);
  });

  it('stays up while the peer answers PINGs', async () => {
    peer = await createFakePeer();
    session = new RpcSession(peer.channel);
    peer.socket.on('data', () => {
      // Any PING from the client gets its PONG (the fake peer has also recorded it).
      while (peer.received.length > answered) {
        if (isPing(peer.received[answered++]!)) peer.sendRaw(pong());
      }
    });
    let answered = 0;
    session.keepalive.start({ intervalMs: 100, count: 2 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(session.closeReason?.message).toBeUndefined();
    expect(session.isClosed).toBe(false);
    expect(peer.received.filter(isPing).length).toBeGreaterThanOrEqual(5);
  });

  it('does not ping while other traffic flows', async () => {
    peer = await createFakePeer();
    session = new RpcSession(peer.channel);
    session.keepalive.start({ intervalMs: 200, count: 1 });
    const timer = setInterval(() => peer.sendRaw(pong()), 50);
    await new Promise((r) => setTimeout(r, 800));
    clearInterval(timer);
    expect(session.isClosed).toBe(false);
    expect(peer.received.filter(isPing)).toHaveLength(0);
  });

  it('rejects nonsense settings', async () => {
    peer = await createFakePeer();
    session = new RpcSession(peer.channel);
    expect(() => session.keepalive.start({ intervalMs: 0 })).toThrow(RangeError);
    expect(() => session.keepalive.start({ count: 0 })).toThrow(RangeError);
  });
});
