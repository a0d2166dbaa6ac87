import { XdrError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Reads XDR (RFC 4506, big-endian) items from a buffer; every read is bounds-checked. */
export class XdrReader {
  private readonly view: DataView;
  offset: number;

  constructor(
    readonly buf: Uint8Array,
    offset = 0,
    readonly end = buf.byteLength,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.offset = offset;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private need(n: number): number {
    const at = this.offset;
    if (n < 0 || at + n > this.end) {
      throw new XdrError(`truncated payload: need ${n} bytes at offset ${at}, have ${this.end - at}`);
    }
    this.offset = at + n;
    return at;
  }

  u32(): number {
    return this.view.getUint32(this.need(4));
  }

  i32(): number {
    return this.view.getInt32(this.need(4));
  }

  u64(): bigint {
    return this.view.getBigUint64(this.need(8));
  }

  i64(): bigint {
    return this.view.getBigInt64(this.need(8));
  }

  f64(): number {
    return this.view.getFloat64(this.need(8));
  }

  bool(): boolean {
    const v = this.u32();
    if (v > 1) throw new XdrError(`invalid boolean ${v} at offset ${this.offset - 4}`);
    return v === 1;
  }

  /** Length-prefixed opaque bytes, padded to 4; the result is a view, not a copy. */
  opaque(max: number): Uint8Array {
    const len = this.u32();
    if (len > max) throw new XdrError(`opaque of ${len} bytes exceeds the limit of ${max}`);
    const at = this.need(pad4(len));
    return this.buf.subarray(at, at + len);
  }

  fixedOpaque(len: number): Uint8Array {
    const at = this.need(pad4(len));
    return this.buf.subarray(at, at + len);
  }

  string(max: number): string {
    const len = this.u32();
    if (len > max) throw new XdrError(`string of ${len} bytes exceeds the limit of ${max}`);
    const at = this.need(pad4(len));
    return utf8.decode(this.buf.subarray(at, at + len));
  }

  /** Array length word, checked against the protocol's bound and against the bytes left. */
  count(max: number, minItemBytes = 4): number {
    const n = this.u32();
    if (n > max) throw new XdrError(`array of ${n} items exceeds the limit of ${max}`);
    if (n * minItemBytes > this.remaining) {
      throw new XdrError(`array of ${n} items cannot fit in ${this.remaining} bytes`);
    }
    return n;
  }

  /** Throws unless every byte was consumed: our decoders are strict. */
  done(): void {
    if (this.offset !== this.end) {
      throw new XdrError(`${this.end - this.offset} unexpected trailing bytes`);
    }
  }
}

export function pad4(n: number): number {
  return (n + 3) & ~3;
}
