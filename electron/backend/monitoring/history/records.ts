/**
 * Record framing. Every record in a history file is
 *
 *   u16 sync (0x434E, "NC")  u32 body length  body (u8 type, then payload)  u32 CRC-32
 *
 * little-endian, the CRC taken over the length and the body. A reader keeps the records
 * whose CRC holds and steps over the rest: after a damaged record it looks for the next
 * sync mark and tries again there, so one flipped byte costs one record, and a torn tail
 * (a crash in the middle of a write) costs only what was being written.
 */
import { crc32 } from 'node:zlib';

export const RECORD_HEADER = 1;
export const RECORD_DICT = 2;
export const RECORD_CHUNK = 3;

const SYNC0 = 0x4e;
const SYNC1 = 0x43;
const OVERHEAD = 10;
/** Nothing we write comes near this; a larger length is damage, not data. */
const MAX_BODY = 64 * 1024 * 1024;

export interface RecordRef {
  type: number;
  start: number;
  /** The payload: after the type byte, before the CRC. */
  payloadStart: number;
  payloadEnd: number;
  end: number;
}

export interface ScanResult {
  records: RecordRef[];
  /** End of the last good record: where appends may safely continue. */
  goodEnd: number;
  /** Runs of bytes that were stepped over (damaged records, garbage, a torn tail). */
  damaged: number;
}

/** Frames one record around a body whose first byte is the record type. */
export function frameRecord(body: Uint8Array): Uint8Array {
  const out = Buffer.allocUnsafe(body.length + OVERHEAD);
  out[0] = SYNC0;
  out[1] = SYNC1;
  out.writeUInt32LE(body.length, 2);
  out.set(body, 6);
  out.writeUInt32LE(crc32(out.subarray(2, 6 + body.length)), 6 + body.length);
  return out;
}

function recordAt(buf: Uint8Array, pos: number): RecordRef | null {
  if (buf[pos] !== SYNC0 || buf[pos + 1] !== SYNC1) return null;
  const len = buf[pos + 2]! | (buf[pos + 3]! << 8) | (buf[pos + 4]! << 16) | (buf[pos + 5]! * 0x1000000);
  if (len < 1 || len > MAX_BODY || pos + OVERHEAD + len > buf.length) return null;
  const crcAt = pos + 6 + len;
  const stored = (buf[crcAt]! | (buf[crcAt + 1]! << 8) | (buf[crcAt + 2]! << 16)) + buf[crcAt + 3]! * 0x1000000;
  if (crc32(buf.subarray(pos + 2, crcAt)) !== stored) return null;
  return { type: buf[pos + 6]!, start: pos, payloadStart: pos + 7, payloadEnd: crcAt, end: crcAt + 4 };
}

function nextSync(buf: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    i = buf.indexOf(SYNC0, i);
    if (i < 0 || i + 1 >= buf.length) return buf.length;
    if (buf[i + 1] === SYNC1) return i;
    i++;
  }
}

/** Every good record of a file image, in order. */
export function scanRecords(buf: Uint8Array): ScanResult {
  const records: RecordRef[] = [];
  let pos = 0;
  let goodEnd = 0;
  let damaged = 0;
  let inDamage = false;
  while (pos + OVERHEAD <= buf.length) {
    const rec = recordAt(buf, pos);
    if (rec) {
      records.push(rec);
      pos = goodEnd = rec.end;
      inDamage = false;
      continue;
    }
    if (!inDamage) damaged++;
    inDamage = true;
    pos = nextSync(buf, pos + 1);
  }
  if (goodEnd < buf.length && !inDamage) damaged++;
  return { records, goodEnd, damaged };
}
