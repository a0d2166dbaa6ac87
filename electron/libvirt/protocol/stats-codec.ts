/**
 * Hand-written codec for remote_connect_get_all_domain_stats_ret:
 * `{dom: Dom, params: TypedParam[]}[]`. This is the monitoring hot path (one
 * call returns every domain's counters), so the decoder reads the payload
 * directly with one DataView and local offsets: no per-item closures, no
 * generic struct loop, and parameter names interned (they repeat across
 * domains and polls, so records built from them share their keys).
 */
import { type Codec, XdrError, type XdrReader, type XdrWriter, STRING_MAX } from '../xdr/index.js';
import { Dom, TYPED_PARAM_FIELD_MAX, type TypedParam, TypedParamType, array, struct, typedParams } from './common.js';
import { REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX, REMOTE_DOMAIN_LIST_MAX } from './limits.js';

export interface DomainStatsRecord {
  dom: Dom;
  params: TypedParam[];
}

const utf8 = new TextDecoder('utf-8');

// The parameter types as module constants, so the decode loop's case labels are plain bindings.
const INT = TypedParamType.INT;
const UINT = TypedParamType.UINT;
const LLONG = TypedParamType.LLONG;
const ULLONG = TypedParamType.ULLONG;
const DOUBLE = TypedParamType.DOUBLE;
const BOOLEAN = TypedParamType.BOOLEAN;
const STRING = TypedParamType.STRING;

/** Interned ASCII field names, keyed by an FNV-1a hash of their bytes (checked on hit). */
const names = new Map<number, string>();
const NAMES_MAX = 65536;

function fieldName(buf: Uint8Array, at: number, len: number): string {
  let h = 0x811c9dc5 ^ len;
  let ascii = 0;
  for (let i = at; i < at + len; i++) {
    const b = buf[i]!;
    ascii |= b;
    h = Math.imul(h ^ b, 16777619);
  }
  if (ascii > 0x7f) return utf8.decode(buf.subarray(at, at + len));
  const hit = names.get(h);
  if (hit !== undefined && hit.length === len) {
    let same = true;
    for (let i = 0; i < len; i++) {
      if (hit.charCodeAt(i) !== buf[at + i]) {
        same = false;
        break;
      }
    }
    if (same) return hit;
  }
  const s = String.fromCharCode.apply(null, buf.subarray(at, at + len) as unknown as number[]);
  if (names.size >= NAMES_MAX) names.clear();
  names.set(h, s);
  return s;
}

function truncated(at: number, need: number, end: number): XdrError {
  return new XdrError(`truncated payload: need ${need} bytes at offset ${at}, have ${end - at}`);
}

function decodeRecords(r: XdrReader): DomainStatsRecord[] {
  const buf = r.buf;
  const end = r.end;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // Smallest record: Dom (empty name 4 + uuid 16 + id 4) + params count 4.
  const n = r.count(REMOTE_DOMAIN_LIST_MAX, 28);
  let o = r.offset;
  const out = new Array<DomainStatsRecord>(n);
  for (let i = 0; i < n; i++) {
    // --- dom: {name: str, uuid: opaque[16], id: i32}
    if (o + 4 > end) throw truncated(o, 4, end);
    const nameLen = view.getUint32(o);
    if (nameLen > STRING_MAX) throw new XdrError(`string of ${nameLen} bytes exceeds the limit of ${STRING_MAX}`);
    const namePad = (nameLen + 3) & ~3;
    if (o + 4 + namePad + 24 > end) throw truncated(o, 4 + namePad + 24, end);
    const name = utf8.decode(buf.subarray(o + 4, o + 4 + nameLen));
    o += 4 + namePad;
    const uuid = buf.slice(o, o + 16);
    const id = view.getInt32(o + 16);
    const np = view.getUint32(o + 20);
    o += 24;
    if (np > REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX) {
      throw new XdrError(`array of ${np} items exceeds the limit of ${REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX}`);
    }
    if (np * 12 > end - o) throw new XdrError(`array of ${np} items cannot fit in ${end - o} bytes`);

    // --- params: {field: str<80>, type: i32, value}
    const params = new Array<TypedParam>(np);
    for (let j = 0; j < np; j++) {
      if (o + 4 > end) throw truncated(o, 4, end);
      const fl = view.getUint32(o);
      if (fl > TYPED_PARAM_FIELD_MAX) throw new XdrError(`string of ${fl} bytes exceeds the limit of ${TYPED_PARAM_FIELD_MAX}`);
      const fpad = (fl + 3) & ~3;
      if (o + 8 + fpad > end) throw truncated(o, 8 + fpad, end);
      const field = fieldName(buf, o + 4, fl);
      o += 4 + fpad;
      const type = view.getInt32(o);
      o += 4;
      switch (type) {
        case INT:
        case UINT:
        case BOOLEAN: {
          if (o + 4 > end) throw truncated(o, 4, end);
          params[j] =
            type === INT
              ? { field, type, value: view.getInt32(o) }
              : type === UINT
                ? { field, type, value: view.getUint32(o) }
                : { field, type, value: view.getInt32(o) !== 0 };
          o += 4;
          break;
        }
        case LLONG:
        case ULLONG:
        case DOUBLE: {
          if (o + 8 > end) throw truncated(o, 8, end);
          params[j] =
            type === ULLONG
              ? { field, type, value: view.getBigUint64(o) }
              : type === LLONG
                ? { field, type, value: view.getBigInt64(o) }
                : { field, type, value: view.getFloat64(o) };
          o += 8;
          break;
        }
        case STRING: {
          if (o + 4 > end) throw truncated(o, 4, end);
          const sl = view.getUint32(o);
          if (sl > STRING_MAX) throw new XdrError(`string of ${sl} bytes exceeds the limit of ${STRING_MAX}`);
          const spad = (sl + 3) & ~3;
          if (o + 4 + spad > end) throw truncated(o, 4 + spad, end);
          params[j] = { field, type, value: utf8.decode(buf.subarray(o + 4, o + 4 + sl)) };
          o += 4 + spad;
          break;
        }
        default:
          throw new XdrError(`unknown typed parameter type ${type}`);
      }
    }
    out[i] = { dom: { name, uuid, id }, params };
  }
  r.offset = o;
  return out;
}

const RecordCodec = struct({ dom: Dom, params: typedParams(REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX) });
const recordsEncoder = array(RecordCodec, REMOTE_DOMAIN_LIST_MAX, 28);

/** remote_connect_get_all_domain_stats_ret (`retStats<REMOTE_DOMAIN_LIST_MAX>`). */
export const DomainStatsRetCodec: Codec<{ retStats: DomainStatsRecord[] }> = {
  enc(w: XdrWriter, v: { retStats: DomainStatsRecord[] }) {
    recordsEncoder.enc(w, v.retStats);
  },
  dec(r: XdrReader) {
    return { retStats: decodeRecords(r) };
  },
};
