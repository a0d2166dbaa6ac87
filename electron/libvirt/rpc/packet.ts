/**
 * The libvirt RPC packet: a 4-byte length word (counting itself), a 24-byte
 * header of six big-endian words, then the payload (virnetprotocol.x).
 */
import { XdrError } from '../xdr/index.js';
import { PROGRAM_VERSION } from '../protocol/define.js';

export const MessageType = {
  CALL: 0,
  REPLY: 1,
  MESSAGE: 2,
  STREAM: 3,
  CALL_WITH_FDS: 4,
  REPLY_WITH_FDS: 5,
  STREAM_HOLE: 6,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

export const Status = { OK: 0, ERROR: 1, CONTINUE: 2 } as const;
export type Status = (typeof Status)[keyof typeof Status];

/** Bytes of the length word. */
export const LENGTH_WORD_SIZE = 4;
/** VIR_NET_MESSAGE_HEADER_MAX. */
export const HEADER_SIZE = 24;
/** VIR_NET_MESSAGE_MAX: header + payload, without the length word. */
export const MESSAGE_MAX = 33554432;
/** The largest legal length word (33554436); the daemon drops anything larger. */
export const MAX_FRAME_LENGTH = MESSAGE_MAX + LENGTH_WORD_SIZE;
/** An empty packet: length word + header (28). */
export const MIN_FRAME_LENGTH = LENGTH_WORD_SIZE + HEADER_SIZE;
export const PAYLOAD_MAX = MESSAGE_MAX - HEADER_SIZE;
/** Stream data per packet we send; the daemon itself sends at most 262120. */
export const STREAM_CHUNK_MAX = 256 * 1024;

export interface PacketHeader {
  program: number;
  version: number;
  procedure: number;
  type: number;
  serial: number;
  status: number;
}

export interface Packet {
  header: PacketHeader;
  /** A view into the received bytes, not a copy. */
  payload: Buffer;
  /** The whole frame length, length word included. */
  length: number;
}

/** Fills in version 1 and status OK, the values of nearly every packet we send. */
export function makeHeader(h: Pick<PacketHeader, 'program' | 'procedure' | 'type' | 'serial'> & Partial<PacketHeader>): PacketHeader {
  return { version: PROGRAM_VERSION, status: Status.OK, ...h };
}

/** One buffer holding the length word, the header and a copy of the payload. */
export function encodeFrame(h: PacketHeader, payload: Uint8Array = EMPTY): Buffer {
  if (payload.byteLength > PAYLOAD_MAX) {
    throw new XdrError(`payload of ${payload.byteLength} bytes exceeds the ${PAYLOAD_MAX}-byte message limit`);
  }
  const length = MIN_FRAME_LENGTH + payload.byteLength;
  const buf = Buffer.allocUnsafe(length);
  buf.writeUInt32BE(length, 0);
  buf.writeUInt32BE(h.program >>> 0, 4);
  buf.writeUInt32BE(h.version >>> 0, 8);
  buf.writeInt32BE(h.procedure | 0, 12);
  buf.writeInt32BE(h.type | 0, 16);
  buf.writeUInt32BE(h.serial >>> 0, 20);
  buf.writeInt32BE(h.status | 0, 24);
  buf.set(payload, MIN_FRAME_LENGTH);
  return buf;
}

/** Reads the header of a frame whose length word starts at `offset`. */
export function decodeHeader(frame: Buffer, offset = 0): PacketHeader {
  return {
    program: frame.readUInt32BE(offset + 4),
    version: frame.readUInt32BE(offset + 8),
    procedure: frame.readInt32BE(offset + 12),
    type: frame.readInt32BE(offset + 16),
    serial: frame.readUInt32BE(offset + 20),
    status: frame.readInt32BE(offset + 24),
  };
}

/** A whole frame (exactly `length` bytes) as a packet; the payload stays a view. */
export function decodeFrame(frame: Buffer): Packet {
  return { header: decodeHeader(frame), payload: frame.subarray(MIN_FRAME_LENGTH), length: frame.length };
}

const typeNames = Object.fromEntries(Object.entries(MessageType).map(([k, v]) => [v, k]));
const statusNames = Object.fromEntries(Object.entries(Status).map(([k, v]) => [v, k]));

/** "REPLY/ERROR prog 0x20008086 proc 23 serial 7", for logs and error messages. */
export function describeHeader(h: PacketHeader): string {
  const t = typeNames[h.type] ?? `type ${h.type}`;
  const s = statusNames[h.status] ?? `status ${h.status}`;
  return `${t}/${s} prog 0x${h.program.toString(16)} proc ${h.procedure} serial ${h.serial}`;
}

const EMPTY = new Uint8Array(0);
