import { XdrError } from './errors.js';

const utf8 = new TextEncoder();

/** Appends XDR items to a growable buffer. */
export class XdrWriter {
  private buf: Uint8Array;
  private view: DataView;
  offset = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  private reserve(n: number): number {
    const at = this.offset;
    const need = at + n;
    if (need > this.buf.byteLength) {
      let size = this.buf.byteLength * 2;
      while (size < need) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, at));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.offset = need;
    return at;
  }

  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new XdrError(`not an unsigned int: ${v}`);
    const at = this.reserve(4);
    this.view.setUint32(at, v);
    return this;
  }

  i32(v: number): this {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new XdrError(`not an int: ${v}`);
    const at = this.reserve(4);
    this.view.setInt32(at, v);
    return this;
  }

  u64(v: bigint | number): this {
    const b = BigInt(v);
    if (b < 0n || b > 0xffffffffffffffffn) throw new XdrError(`not an unsigned hyper: ${v}`);
    const at = this.reserve(8);
    this.view.setBigUint64(at, b);
    return this;
  }

  i64(v: bigint | number): this {
    const b = BigInt(v);
    if (b < -0x8000000000000000n || b > 0x7fffffffffffffffn) throw new XdrError(`not a hyper: ${v}`);
    const at = this.reserve(8);
    this.view.setBigInt64(at, b);
    return this;
  }

  f64(v: number): this {
    const at = this.reserve(8);
    this.view.setFloat64(at, v);
    return this;
  }

  bool(v: boolean): this {
    return this.u32(v ? 1 : 0);
  }

  /** Raw bytes followed by zero padding to a multiple of 4. */
  private padded(bytes: Uint8Array): void {
    const at = this.reserve((bytes.byteLength + 3) & ~3);
    this.buf.set(bytes, at);
    this.buf.fill(0, at + bytes.byteLength, this.offset);
  }

  opaque(bytes: Uint8Array, max: number): this {
    if (bytes.byteLength > max) throw new XdrError(`opaque of ${bytes.byteLength} bytes exceeds ${max}`);
    this.u32(bytes.byteLength);
    this.padded(bytes);
    return this;
  }

  fixedOpaque(bytes: Uint8Array, len: number): this {
    if (bytes.byteLength !== len) throw new XdrError(`fixed opaque must be ${len} bytes, got ${bytes.byteLength}`);
    this.padded(bytes);
    return this;
  }

  string(s: string, max: number): this {
    const bytes = utf8.encode(s);
    if (bytes.byteLength > max) throw new XdrError(`string of ${bytes.byteLength} bytes exceeds ${max}`);
    this.u32(bytes.byteLength);
    this.padded(bytes);
    return this;
  }

  /** The bytes written so far (a view over the internal buffer). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.offset);
  }
}
