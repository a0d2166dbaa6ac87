/** Shared helpers for the codec round-trip tests. */
import { expect } from 'vitest';
import { type Codec, decode, encode } from '../../../electron/libvirt/xdr/index.js';

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function fromHex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}

/** Encodes, checks the size when given, decodes strictly and expects the same value back. */
export function roundTrip<T>(c: Codec<T>, v: T, size?: number): Uint8Array {
  const bytes = encode(c, v).slice();
  if (size !== undefined) expect(bytes.byteLength).toBe(size);
  expect(bytes.byteLength % 4).toBe(0);
  expect(decode(c, bytes)).toStrictEqual(v);
  // strict: a trailing word and a missing word are both errors
  const longer = new Uint8Array(bytes.byteLength + 4);
  longer.set(bytes);
  expect(() => decode(c, longer)).toThrow(/trailing/);
  if (bytes.byteLength >= 4) expect(() => decode(c, bytes.subarray(0, bytes.byteLength - 4))).toThrow();
  return bytes;
}

export const UUID_A = fromHex('d7a65667407c44919f9f234bf9be05fb');
export const UUID_B = fromHex('00112233445566778899aabbccddeeff');
export const DOM_T1 = { name: 't1', uuid: UUID_A, id: -1 };
export const DOM_G1 = { name: 'g1', uuid: UUID_B, id: 7 };
