import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../../../electron/libvirt/errors.js';
import { FrameDecoder } from '../../../electron/libvirt/rpc/frame-decoder.js';
import { MAX_FRAME_LENGTH, type Packet, encodeFrame, makeHeader } from '../../../electron/libvirt/rpc/packet.js';
import { createRng, randomChunks, seedFromEnv } from './helpers/prng.js';

function frameOf(serial: number, payload: Buffer): Buffer {
  return encodeFrame(makeHeader({ program: 0x20008086, procedure: serial % 400, type: 1, serial }), payload);
}

function feed(decoder: FrameDecoder, chunks: Buffer[]): Packet[] {
  return chunks.flatMap((c) => decoder.push(c));
}

describe('FrameDecoder', () => {
  it('yields every frame whatever the chunking (random, seeded)', () => {
    const rng = createRng(seedFromEnv('frame-decoder chunking'));
    for (let round = 0; round < 200; round++) {
      const payloads = Array.from({ length: 1 + rng.int(30) }, () => rng.bytes(rng.int(3) === 0 ? rng.int(70000) : rng.int(64)));
      const stream = Buffer.concat(payloads.map((p, i) => frameOf(i + 1, p)));
      const decoder = new FrameDecoder();
      const packets = feed(decoder, randomChunks(rng, stream, 1 + rng.int(200)));
      expect(packets.map((p) => p.header.serial)).toEqual(payloads.map((_, i) => i + 1));
      packets.forEach((p, i) => expect(p.payload.equals(payloads[i]!)).toBe(true));
      expect(decoder.buffered).toBe(0);
    }
  });

  it('handles one byte at a time, including the length word and header split', () => {
    const frames = [frameOf(1, Buffer.from('abc')), frameOf(2, Buffer.alloc(0)), frameOf(3, Buffer.alloc(1000, 7))];
    const stream = Buffer.concat(frames);
    const decoder = new FrameDecoder();
    const out: Packet[] = [];
    for (let i = 0; i < stream.length; i++) {
      out.push(...decoder.push(stream.subarray(i, i + 1)));
      if (i === 1) expect(decoder.buffered).toBe(2); // half a length word
    }
    expect(out.map((p) => p.header.serial)).toEqual([1, 2, 3]);
    expect(out[0]!.payload.toString()).toBe('abc');
    expect(out[1]!.payload.length).toBe(0);
  });

  it('hands out frames inside one chunk as views (no copy)', () => {
    const chunk = Buffer.concat([frameOf(1, Buffer.from('x')), frameOf(2, Buffer.from('yy')), frameOf(3, Buffer.from('zzz'))]);
    const packets = new FrameDecoder().push(chunk);
    expect(packets).toHaveLength(3);
    for (const p of packets) expect(p.payload.buffer).toBe(chunk.buffer);
  });

  it('keeps the tail of a chunk and completes it with the next', () => {
    const a = frameOf(1, Buffer.alloc(100, 1));
    const b = frameOf(2, Buffer.alloc(100, 2));
    const decoder = new FrameDecoder();
    expect(decoder.push(Buffer.concat([a, b.subarray(0, 30)])).map((p) => p.header.serial)).toEqual([1]);
    expect(decoder.buffered).toBe(30);
    expect(decoder.push(b.subarray(30)).map((p) => p.header.serial)).toEqual([2]);
    expect(decoder.buffered).toBe(0);
  });

  it.each([
    ['undersize 27', 27],
    ['zero', 0],
    ['oversize 33554440', 33554440],
    ['0xffffffff', 0xffffffff],
  ])('rejects a length word that is %s with ConnectionError(protocol), then stays failed', (_label, len) => {
    const bad = Buffer.alloc(28);
    bad.writeUInt32BE(len, 0);
    const decoder = new FrameDecoder('test peer');
    const err = (() => {
      try {
        decoder.push(Buffer.concat([frameOf(1, Buffer.alloc(4)), bad]));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('protocol');
    expect((err as ConnectionError).message).toContain('test peer');
    expect(() => decoder.push(frameOf(2, Buffer.alloc(0)))).toThrow(ConnectionError);
  });

  it('rejects a bad length word split across chunks', () => {
    const decoder = new FrameDecoder();
    decoder.push(Buffer.from([0x02]));
    expect(() => decoder.push(Buffer.from([0x00, 0x00, 0x08]))).toThrow(/invalid packet length 33554440/);
  });

  it('accepts the largest legal frame (33554436) without holding more than it received', () => {
    const payload = Buffer.alloc(MAX_FRAME_LENGTH - 28, 0xab);
    const frame = frameOf(9, payload);
    const decoder = new FrameDecoder();
    expect(decoder.push(frame.subarray(0, 1000))).toEqual([]);
    expect(decoder.buffered).toBe(1000);
    const [p] = decoder.push(frame.subarray(1000));
    expect(p!.length).toBe(MAX_FRAME_LENGTH);
    expect(p!.payload[p!.payload.length - 1]).toBe(0xab);
  });
});
