/**
 * Chunk records: roll-up points of one or more series. The payload is
 *
 *   u8 flags (bit 0: columns deflated)   varint series count
 *   per series: varint dictionary id, varint point count
 *   columns (deflateRaw'd when that is smaller), each covering every series in turn:
 *     time   first bucket index from the file's period start (varint), then the
 *            delta-of-delta of the indexes (zigzag; a regular series is all zeros)
 *     avg    quantised to the series' precision: first value, then deltas (zigzag)
 *     low    avg - min in quanta (never negative), as deltas from the previous one (zigzag)
 *     high   max - avg in quanta, the same way
 *     count  samples behind each point: first value, then deltas (zigzag)
 *
 * The ids and counts stay outside the deflated part so a reader can tell which series a
 * chunk holds without inflating it. The idea (delta-of-delta times, small deltas of
 * values) follows Prometheus's XOR chunks, with integer quanta instead of XORed floats
 * because a declared precision lets deltas, rather than bit patterns, be small.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ByteReader, ByteWriter } from './bytes.js';
import { RECORD_CHUNK } from './records.js';

/** Roll-up points of one series, oldest first; t is each bucket's start. */
export interface Rollup {
  t: number[];
  min: number[];
  avg: number[];
  max: number[];
  count: number[];
}

export interface SeriesBlock {
  id: number;
  precision: number;
  points: Rollup;
}

export interface ChunkFrame {
  /** Base of the bucket indexes (the file's period start) and the bucket width. */
  baseMs: number;
  stepMs: number;
}

const FLAG_DEFLATED = 1;

export function emptyRollup(): Rollup {
  return { t: [], min: [], avg: [], max: [], count: [] };
}

/** Turns quanta back into values; decimal precisions divide so 0.01 * 1234 prints as 12.34. */
export function dequantiser(precision: number): (q: number) => number {
  const inv = 1 / precision;
  const r = Math.round(inv);
  if (precision < 1 && Math.abs(inv - r) < 1e-9 * r) return (q) => q / r;
  return (q) => q * precision;
}

function writeColumns(blocks: SeriesBlock[], frame: ChunkFrame): Uint8Array {
  const w = new ByteWriter(1024);
  for (const { points } of blocks) {
    let prevIdx = 0;
    let prevDelta = 1;
    for (let i = 0; i < points.t.length; i++) {
      const idx = Math.round((points.t[i]! - frame.baseMs) / frame.stepMs);
      if (i === 0) w.varint(idx);
      else {
        const delta = idx - prevIdx;
        w.svarint(delta - prevDelta);
        prevDelta = delta;
      }
      prevIdx = idx;
    }
  }
  const q = blocks.map(({ points, precision }) => quantise(points, precision));
  for (const { avg } of q) writeDeltas(w, avg);
  for (const { avg, min } of q)
    writeDeltas(
      w,
      avg.map((a, i) => a - min[i]!),
    );
  for (const { avg, max } of q)
    writeDeltas(
      w,
      avg.map((a, i) => max[i]! - a),
    );
  for (const { points } of blocks) writeDeltas(w, points.count);
  return w.result();
}

function quantise(p: Rollup, precision: number): { min: number[]; avg: number[]; max: number[] } {
  const min = p.min.map((v) => Math.round(v / precision));
  const max = p.max.map((v) => Math.round(v / precision));
  // Clamped so float noise in an average can never put it outside [min, max].
  const avg = p.avg.map((v, i) => Math.min(max[i]!, Math.max(min[i]!, Math.round(v / precision))));
  return { min, avg, max };
}

function writeDeltas(w: ByteWriter, values: number[]): void {
  let prev = 0;
  for (const v of values) {
    w.svarint(v - prev);
    prev = v;
  }
}

/** The body (type byte first) of a chunk record holding these series. */
export function encodeChunk(blocks: SeriesBlock[], frame: ChunkFrame): Uint8Array {
  const columns = writeColumns(blocks, frame);
  const deflated = deflateRawSync(columns, { level: 9 });
  const useDeflate = deflated.length < columns.length;
  const w = new ByteWriter(64 + blocks.length * 4 + columns.length);
  w.u8(RECORD_CHUNK);
  w.u8(useDeflate ? FLAG_DEFLATED : 0);
  w.varint(blocks.length);
  for (const b of blocks) {
    w.varint(b.id);
    w.varint(b.points.t.length);
  }
  w.bytes(useDeflate ? deflated : columns);
  return w.result();
}

export interface ChunkDirectory {
  ids: number[];
  counts: number[];
  flags: number;
  columnsStart: number;
}

/** Which series a chunk holds, read without inflating it. */
export function readChunkDirectory(buf: Uint8Array, payloadStart: number, end: number): ChunkDirectory {
  const r = new ByteReader(buf, payloadStart, end);
  const flags = r.u8();
  const n = r.varint();
  const ids: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(r.varint());
    counts.push(r.varint());
  }
  return { ids, counts, flags, columnsStart: r.pos };
}

/**
 * Decodes the series of a chunk that `want` accepts (all when omitted); precisionOf gives
 * each id's precision from the file's dictionary.
 */
export function decodeChunk(
  buf: Uint8Array,
  payloadEnd: number,
  dir: ChunkDirectory,
  frame: ChunkFrame,
  precisionOf: (id: number) => number,
  want?: (id: number) => boolean,
): Map<number, Rollup> {
  const raw = buf.subarray(dir.columnsStart, payloadEnd);
  const r = new ByteReader(dir.flags & FLAG_DEFLATED ? new Uint8Array(inflateRawSync(raw)) : raw);
  const times = dir.counts.map((n) => readTimes(r, n, frame));
  const avgQ = dir.counts.map((n) => readDeltas(r, n));
  const lowQ = dir.counts.map((n) => readDeltas(r, n));
  const highQ = dir.counts.map((n) => readDeltas(r, n));
  const result = new Map<number, Rollup>();
  dir.counts.forEach((n, s) => {
    const id = dir.ids[s]!;
    const count = readDeltas(r, n);
    if (want && !want(id)) return;
    const scale = dequantiser(precisionOf(id));
    const a = avgQ[s]!;
    const lo = lowQ[s]!;
    const hi = highQ[s]!;
    const min = new Array<number>(n);
    const avg = new Array<number>(n);
    const max = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      avg[i] = scale(a[i]!);
      min[i] = scale(a[i]! - lo[i]!);
      max[i] = scale(a[i]! + hi[i]!);
    }
    result.set(id, { t: times[s]!, min, avg, max, count });
  });
  return result;
}

function readTimes(r: ByteReader, n: number, frame: ChunkFrame): number[] {
  const out = new Array<number>(n);
  let idx = 0;
  let delta = 1;
  for (let i = 0; i < n; i++) {
    if (i === 0) idx = r.varint();
    else idx += delta += r.svarint();
    out[i] = frame.baseMs + idx * frame.stepMs;
  }
  return out;
}

function readDeltas(r: ByteReader, n: number): number[] {
  const out = new Array<number>(n);
  let v = 0;
  for (let i = 0; i < n; i++) out[i] = v += r.svarint();
  return out;
}
