/** Small helpers shared by the API modules. */
import { uuidFromString } from '../protocol/common.js';

/** A UUID as the 16 raw bytes the protocol wants, from either form. */
export function uuidBytes(uuid: string | Uint8Array): Uint8Array {
  return typeof uuid === 'string' ? uuidFromString(uuid) : uuid;
}

/** Accepts a byte count as number or bigint; rejects negatives and fractions early. */
export function toU64(v: number | bigint, what: string): bigint {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new RangeError(`${what} must be a whole number: ${v}`);
  const b = BigInt(v);
  if (b < 0n) throw new RangeError(`${what} must not be negative: ${v}`);
  return b;
}
