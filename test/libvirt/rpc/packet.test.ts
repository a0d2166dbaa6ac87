import { describe, expect, it } from 'vitest';
import { Program } from '../../../electron/libvirt/protocol/define.js';
import {
  MAX_FRAME_LENGTH,
  MIN_FRAME_LENGTH,
  MessageType,
  PAYLOAD_MAX,
  Status,
  decodeFrame,
  decodeHeader,
  describeHeader,
  encodeFrame,
  makeHeader,
} from '../../../electron/libvirt/rpc/packet.js';
import { XdrError } from '../../../electron/libvirt/xdr/index.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('packet', () => {
  it('has the limits of libvirt 9.0', () => {
    expect(MAX_FRAME_LENGTH).toBe(33554436);
    expect(MIN_FRAME_LENGTH).toBe(28);
    expect(PAYLOAD_MAX).toBe(33554408);
    expect(MessageType).toEqual({ CALL: 0, REPLY: 1, MESSAGE: 2, STREAM: 3, CALL_WITH_FDS: 4, REPLY_WITH_FDS: 5, STREAM_HOLE: 6 });
    expect(Status).toEqual({ OK: 0, ERROR: 1, CONTINUE: 2 });
  });

  it('encodes the AUTH_LIST call exactly as seen on the wire', () => {
    const frame = encodeFrame(makeHeader({ program: Program.REMOTE, procedure: 66, type: MessageType.CALL, serial: 0 }));
    expect(hex(frame)).toBe('0000001c' + '20008086' + '00000001' + '00000042' + '00000000' + '00000000' + '00000000');
  });

  it('encodes the keepalive PING exactly as seen on the wire', () => {
    const frame = encodeFrame(makeHeader({ program: Program.KEEPALIVE, procedure: 1, type: MessageType.MESSAGE, serial: 0 }));
    expect(hex(frame)).toBe('0000001c6b656570000000010000000100000002' + '00000000' + '00000000');
  });

  it('round-trips header and payload, with u32 serials and negative procedures', () => {
    const h = { program: 0xffffffff, version: 1, procedure: -5, type: MessageType.STREAM, serial: 0xfffffffe, status: Status.CONTINUE };
    const payload = Buffer.from('hello, libvirt');
    const frame = encodeFrame(h, payload);
    expect(frame.readUInt32BE(0)).toBe(28 + payload.length);
    expect(decodeHeader(frame)).toEqual(h);
    const p = decodeFrame(frame);
    expect(p.header).toEqual(h);
    expect(p.payload.toString()).toBe('hello, libvirt');
    expect(p.length).toBe(frame.length);
    // The payload is a view of the frame, not a copy.
    expect(p.payload.buffer).toBe(frame.buffer);
  });

  it('refuses a payload over the message limit with an XdrError', () => {
    const big = new Uint8Array(PAYLOAD_MAX + 1);
    expect(() => encodeFrame(makeHeader({ program: 1, procedure: 1, type: 0, serial: 1 }), big)).toThrow(XdrError);
  });

  it('describes headers for error messages', () => {
    expect(describeHeader(makeHeader({ program: Program.REMOTE, procedure: 23, type: 1, serial: 7, status: 1 }))).toBe(
      'REPLY/ERROR prog 0x20008086 proc 23 serial 7',
    );
    expect(describeHeader({ program: 1, version: 1, procedure: 1, type: 99, serial: 0, status: 9 })).toContain('type 99/status 9');
  });
});
