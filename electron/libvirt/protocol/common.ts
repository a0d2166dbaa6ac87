/**
 * The object references and shared structures of remote_protocol.x
 * (remote_nonnull_domain, remote_error, remote_typed_param, ...).
 */
import {
  type Codec,
  type Infer,
  XdrError,
  array,
  f64,
  fixedOpaque,
  i32,
  i64,
  optional,
  str,
  string,
  struct,
  u32,
  u64,
} from '../xdr/index.js';
import type { XdrReader } from '../xdr/index.js';
import type { XdrWriter } from '../xdr/index.js';

export const VIR_UUID_BUFLEN = 16;
export const uuid = fixedOpaque(VIR_UUID_BUFLEN);

/** remote_nonnull_domain. `id` is -1 for an inactive domain. Send back exactly what the server gave. */
export const Dom = struct({ name: str, uuid, id: i32 });
export type Dom = Infer<typeof Dom>;
export const Net = struct({ name: str, uuid });
export type Net = Infer<typeof Net>;
export const Pool = struct({ name: str, uuid });
export type Pool = Infer<typeof Pool>;
export const Vol = struct({ pool: str, name: str, key: str });
export type Vol = Infer<typeof Vol>;
export const Snap = struct({ name: str, dom: Dom });
export type Snap = Infer<typeof Snap>;
export const Iface = struct({ name: str, mac: str });
export type Iface = Infer<typeof Iface>;
export const NodeDev = struct({ name: str });
export type NodeDev = Infer<typeof NodeDev>;

export const optStr = optional(str);
export const optDom = optional(Dom);
export const optNet = optional(Net);
export const optPool = optional(Pool);

/** remote_error, all eleven fields in wire order. */
export const RemoteError = struct({
  code: i32,
  domain: i32,
  message: optStr,
  level: i32,
  dom: optDom,
  str1: optStr,
  str2: optStr,
  str3: optStr,
  int1: i32,
  int2: i32,
  net: optNet,
});
export type RemoteError = Infer<typeof RemoteError>;

/** virTypedParameterType */
export const TypedParamType = {
  INT: 1,
  UINT: 2,
  LLONG: 3,
  ULLONG: 4,
  DOUBLE: 5,
  BOOLEAN: 6,
  STRING: 7,
} as const;

/** VIR_TYPED_PARAM_STRING_OKAY: OR it into the flags of every *get parameters* call. */
export const TYPED_PARAM_STRING_OKAY = 4;
/** VIR_TYPED_PARAM_FIELD_LENGTH (80, with the NUL). */
export const TYPED_PARAM_FIELD_MAX = 80;

type TP = typeof TypedParamType;
export type TypedParamValue =
  | { type: TP['INT'] | TP['UINT']; value: number }
  | { type: TP['LLONG'] | TP['ULLONG']; value: bigint }
  | { type: TP['DOUBLE']; value: number }
  | { type: TP['BOOLEAN']; value: boolean }
  | { type: TP['STRING']; value: string };

export type TypedParam = { field: string } & TypedParamValue;

const fieldName = string(TYPED_PARAM_FIELD_MAX);

// Module constants for the codec's case labels (cheaper in the loop than property reads).
const { INT, UINT, LLONG, ULLONG, DOUBLE, BOOLEAN, STRING } = TypedParamType;

/** remote_typed_param: the name, then a discriminated union. Hand-written for speed (bulk stats). */
export const TypedParamCodec: Codec<TypedParam> = {
  enc(w: XdrWriter, p: TypedParam) {
    fieldName.enc(w, p.field);
    w.i32(p.type);
    switch (p.type) {
      case INT:
        w.i32(p.value);
        break;
      case UINT:
        w.u32(p.value);
        break;
      case LLONG:
        w.i64(p.value);
        break;
      case ULLONG:
        w.u64(p.value);
        break;
      case DOUBLE:
        w.f64(p.value);
        break;
      case BOOLEAN:
        w.i32(p.value ? 1 : 0);
        break;
      case STRING:
        str.enc(w, p.value);
        break;
      default:
        throw new XdrError(`unknown typed parameter type ${(p as { type: number }).type}`);
    }
  },
  dec(r: XdrReader): TypedParam {
    const field = fieldName.dec(r);
    const type = r.i32();
    switch (type) {
      case INT:
        return { field, type, value: r.i32() };
      case UINT:
        return { field, type, value: r.u32() };
      case LLONG:
        return { field, type, value: r.i64() };
      case ULLONG:
        return { field, type, value: r.u64() };
      case DOUBLE:
        return { field, type, value: r.f64() };
      case BOOLEAN:
        return { field, type, value: r.i32() !== 0 };
      case STRING:
        return { field, type, value: str.dec(r) };
      default:
        throw new XdrError(`unknown typed parameter type ${type}`);
    }
  },
};

export function typedParams(max: number): Codec<TypedParam[]> {
  // Smallest typed param: empty name (4) + type (4) + int (4).
  return array(TypedParamCodec, max, 12);
}

/** Typed params as a plain record, numbers and bigints kept as sent. */
export function paramsToRecord(params: TypedParam[]): Record<string, number | bigint | boolean | string> {
  const out: Record<string, number | bigint | boolean | string> = {};
  for (const p of params) out[p.field] = p.value;
  return out;
}

/** "d7a65667-407c-4491-9f9f-234bf9be05fb" from the 16 raw bytes. */
export function uuidToString(bytes: Uint8Array): string {
  const h = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function uuidFromString(s: string): Uint8Array {
  const hex = s.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new XdrError(`not a UUID: ${s}`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

// Re-exported so procedure files import their primitives from one place.
export { array, f64, i32, i64, optional, str, string, struct, u32, u64 };
