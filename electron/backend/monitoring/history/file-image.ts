/**
 * What a period file holds, parsed from its bytes. A file is a run of records
 * (records.ts): a header first, then dictionary and chunk records in any order, a
 * dictionary record always before the first chunk that uses its ids.
 *
 *   header  "NCH1", u8 version, u32 step ms, f64 period start, f64 compacted length,
 *           f64 compacted points (the last two 0 until the file is compacted)
 *   dict    varint n, then n times: varint id, varint key length, key (UTF-8), f64 precision
 *   chunk   see chunk.ts
 *
 * Dictionaries are per file, so a file can be deleted, copied or compacted on its own.
 */
import { ByteReader, ByteWriter } from './bytes.js';
import { decodeChunk, emptyRollup, readChunkDirectory, type ChunkDirectory, type ChunkFrame, type Rollup } from './chunk.js';
import { RECORD_CHUNK, RECORD_DICT, RECORD_HEADER, scanRecords, type RecordRef } from './records.js';
import { mergeRollups } from './rollup.js';

const MAGIC = 0x3148434e; // "NCH1" little-endian
const VERSION = 1;

export interface FileHeader {
  stepMs: number;
  periodStart: number;
  compactedLength: number;
  compactedPoints: number;
}

export interface SeriesInfo {
  key: string;
  precision: number;
}

export interface FileImage {
  buf: Uint8Array;
  header: FileHeader | null;
  series: Map<number, SeriesInfo>;
  ids: Map<string, number>;
  chunks: { rec: RecordRef; dir: ChunkDirectory }[];
  goodEnd: number;
  damaged: number;
  points: number;
}

export function encodeHeader(h: FileHeader): Uint8Array {
  const w = new ByteWriter(40);
  w.u8(RECORD_HEADER);
  w.u32(MAGIC);
  w.u8(VERSION);
  w.u32(h.stepMs);
  w.f64(h.periodStart);
  w.f64(h.compactedLength);
  w.f64(h.compactedPoints);
  return w.result();
}

/** The size of a framed header record (fixed). */
export const HEADER_RECORD_BYTES = 1 + 4 + 1 + 4 + 24 + 10;

function decodeHeader(buf: Uint8Array, rec: RecordRef): FileHeader | null {
  const r = new ByteReader(buf, rec.payloadStart, rec.payloadEnd);
  if (r.u32() !== MAGIC || r.u8() !== VERSION) return null;
  return { stepMs: r.u32(), periodStart: r.f64(), compactedLength: r.f64(), compactedPoints: r.f64() };
}

export function encodeDict(entries: { id: number; key: string; precision: number }[]): Uint8Array {
  const w = new ByteWriter(64 + entries.length * 48);
  w.u8(RECORD_DICT);
  w.varint(entries.length);
  for (const e of entries) {
    const key = Buffer.from(e.key, 'utf8');
    w.varint(e.id);
    w.varint(key.length);
    w.bytes(key);
    w.f64(e.precision);
  }
  return w.result();
}

function readDict(buf: Uint8Array, rec: RecordRef, image: FileImage): void {
  const r = new ByteReader(buf, rec.payloadStart, rec.payloadEnd);
  const n = r.varint();
  for (let i = 0; i < n; i++) {
    const id = r.varint();
    const key = Buffer.from(r.bytes(r.varint())).toString('utf8');
    const precision = r.f64();
    image.series.set(id, { key, precision });
    image.ids.set(key, id);
  }
}

/** Parses a file image: damaged records are stepped over, never thrown. */
export function parseFileImage(buf: Uint8Array): FileImage {
  const scan = scanRecords(buf);
  const image: FileImage = {
    buf,
    header: null,
    series: new Map(),
    ids: new Map(),
    chunks: [],
    goodEnd: scan.goodEnd,
    damaged: scan.damaged,
    points: 0,
  };
  scan.records.forEach((rec, i) => {
    try {
      if (rec.type === RECORD_HEADER && i === 0) image.header = decodeHeader(buf, rec);
      else if (rec.type === RECORD_DICT) readDict(buf, rec, image);
      else if (rec.type === RECORD_CHUNK) {
        const dir = readChunkDirectory(buf, rec.payloadStart, rec.payloadEnd);
        image.chunks.push({ rec, dir });
        for (const c of dir.counts) image.points += c;
      }
    } catch {
      // A record with a good CRC but a body we cannot read (a future version): skip it.
      image.damaged++;
    }
  });
  return image;
}

/** All points of one series in a file, time-ordered, points of one bucket merged. */
export function readSeries(image: FileImage, key: string, frame: ChunkFrame): Rollup {
  const id = image.ids.get(key);
  if (id === undefined) return emptyRollup();
  return mergeRollups(decodeChunks(image, frame, (x) => x === id).get(id) ?? []);
}

/** Every series of a file, by key (used by compaction). */
export function readAllSeries(image: FileImage, frame: ChunkFrame): Map<string, Rollup> {
  const out = new Map<string, Rollup>();
  for (const [id, parts] of decodeChunks(image, frame)) {
    const info = image.series.get(id);
    if (info) out.set(info.key, mergeRollups(parts));
  }
  return out;
}

function decodeChunks(image: FileImage, frame: ChunkFrame, want?: (id: number) => boolean): Map<number, Rollup[]> {
  const parts = new Map<number, Rollup[]>();
  // An id whose dictionary record was lost still parses; its points are never returned.
  const precisionOf = (id: number) => image.series.get(id)?.precision ?? 1;
  for (const { rec, dir } of image.chunks) {
    if (want && !dir.ids.some(want)) continue;
    let decoded: Map<number, Rollup>;
    try {
      decoded = decodeChunk(image.buf, rec.payloadEnd, dir, frame, precisionOf, want);
    } catch {
      continue;
    }
    for (const [id, p] of decoded) {
      const list = parts.get(id);
      if (list) list.push(p);
      else parts.set(id, [p]);
    }
  }
  return parts;
}
