import { XdrError } from './errors.js';
import { XdrReader } from './reader.js';
import { XdrWriter } from './writer.js';

/** A pair of functions that write and read one XDR type. Composed declaratively. */
export interface Codec<T> {
  enc(w: XdrWriter, v: T): void;
  dec(r: XdrReader): T;
}

export type Infer<C> = C extends Codec<infer T> ? T : never;

/** libvirt's REMOTE_STRING_MAX. */
export const STRING_MAX = 4194304;

export const voidCodec: Codec<void> = { enc() {}, dec() {} };
export const u32: Codec<number> = { enc: (w, v) => w.u32(v), dec: (r) => r.u32() };
export const i32: Codec<number> = { enc: (w, v) => w.i32(v), dec: (r) => r.i32() };
export const u64: Codec<bigint> = { enc: (w, v) => w.u64(v), dec: (r) => r.u64() };
export const i64: Codec<bigint> = { enc: (w, v) => w.i64(v), dec: (r) => r.i64() };
export const f64: Codec<number> = { enc: (w, v) => w.f64(v), dec: (r) => r.f64() };
export const bool: Codec<boolean> = { enc: (w, v) => w.bool(v), dec: (r) => r.bool() };
/** libvirt's `int` used as a boolean: the daemon sends 0/1 but accepts any non-zero. */
export const intBool: Codec<boolean> = { enc: (w, v) => w.i32(v ? 1 : 0), dec: (r) => r.i32() !== 0 };

export function string(max = STRING_MAX): Codec<string> {
  return { enc: (w, v) => w.string(v, max), dec: (r) => r.string(max) };
}
export const str = string();

export function opaque(max: number): Codec<Uint8Array> {
  return { enc: (w, v) => w.opaque(v, max), dec: (r) => r.opaque(max) };
}

export function fixedOpaque(len: number): Codec<Uint8Array> {
  return { enc: (w, v) => w.fixedOpaque(v, len), dec: (r) => r.fixedOpaque(len) };
}

/** `T *x` in XDR: a boolean word, then the value when present. Absent is `null`. */
export function optional<T>(c: Codec<T>): Codec<T | null> {
  return {
    enc(w, v) {
      if (v === null || v === undefined) {
        w.bool(false);
      } else {
        w.bool(true);
        c.enc(w, v);
      }
    },
    dec: (r) => (r.bool() ? c.dec(r) : null),
  };
}

/** `T x<max>`: a count word, then the items. */
export function array<T>(c: Codec<T>, max: number, minItemBytes = 4): Codec<T[]> {
  return {
    enc(w, v) {
      if (v.length > max) throw new XdrError(`array of ${v.length} items exceeds ${max}`);
      w.u32(v.length);
      for (const item of v) c.enc(w, item);
    },
    dec(r) {
      const n = r.count(max, minItemBytes);
      const out = new Array<T>(n);
      for (let i = 0; i < n; i++) out[i] = c.dec(r);
      return out;
    },
  };
}

/**
 * `char x[N]` / `char x<N>`: XDR encodes every char as a full 4-byte word.
 * Decoded as a string up to the first NUL.
 */
export function charArray(n: number): Codec<string> {
  return {
    enc(w, v) {
      const bytes = new TextEncoder().encode(v);
      if (bytes.byteLength > n) throw new XdrError(`char[${n}] cannot hold ${bytes.byteLength} bytes`);
      for (let i = 0; i < n; i++) w.i32(i < bytes.byteLength ? (bytes[i]! << 24) >> 24 : 0);
    },
    dec(r) {
      const bytes = new Uint8Array(n);
      let len = n;
      for (let i = 0; i < n; i++) {
        bytes[i] = r.i32() & 0xff;
        if (bytes[i] === 0 && len === n) len = i;
      }
      return new TextDecoder().decode(bytes.subarray(0, len));
    },
  };
}

type Fields = Record<string, Codec<unknown>>;
export type StructOf<F extends Fields> = { [K in keyof F]: Infer<F[K]> };

/** A struct: its fields back to back in the order they are listed. */
export function struct<F extends Fields>(fields: F): Codec<StructOf<F>> {
  const entries = Object.entries(fields);
  return {
    enc(w, v) {
      for (const [k, c] of entries) {
        const item = (v as Record<string, unknown>)[k];
        if (item === undefined && c !== (voidCodec as Codec<unknown>)) {
          throw new XdrError(`missing field "${k}"`);
        }
        c.enc(w, item);
      }
    },
    dec(r) {
      const out: Record<string, unknown> = {};
      for (const [k, c] of entries) out[k] = c.dec(r);
      return out as StructOf<F>;
    },
  };
}

/** Encodes one value to a standalone payload. */
export function encode<T>(c: Codec<T>, v: T): Uint8Array {
  const w = new XdrWriter();
  c.enc(w, v);
  return w.bytes();
}

/** Decodes a whole payload strictly: trailing bytes are an error. */
export function decode<T>(c: Codec<T>, bytes: Uint8Array): T {
  const r = new XdrReader(bytes);
  const v = c.dec(r);
  r.done();
  return v;
}
