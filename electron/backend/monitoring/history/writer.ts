/**
 * Appending to one period file, and compacting it. Opening for append reads the file,
 * cuts a torn tail back to the last good record (so later appends follow good data) and
 * learns the dictionary; each append then writes the new dictionary entries and one chunk
 * in a single write. A failed write is cut off again and leaves the dictionary unchanged,
 * so the caller can retry. Compaction rewrites a file as one chunk per series into a
 * temporary file and renames it over the original: a crash leaves one or the other.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeChunk, type ChunkFrame, type Rollup } from './chunk.js';
import { encodeDict, encodeHeader, HEADER_RECORD_BYTES, parseFileImage, readAllSeries } from './file-image.js';
import { frameRecord } from './records.js';

export interface SeriesPoints {
  key: string;
  precision: number;
  points: Rollup;
}

export interface WriterInfo {
  size: number;
  points: number;
  /** Whether the file is exactly what compaction wrote (nothing appended since). */
  compacted: boolean;
}

export class PeriodWriter {
  private constructor(
    readonly path: string,
    private readonly frame: ChunkFrame,
    private fd: number,
    private readonly ids: Map<string, number>,
    private nextId: number,
    readonly info: WriterInfo,
  ) {}

  /** Opens (creating if needed) a period file for appending, dropping any torn tail. */
  static open(path: string, frame: ChunkFrame): PeriodWriter {
    const buf = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    const image = parseFileImage(buf);
    const fd = openSync(path, 'a+', 0o600);
    let size = image.goodEnd;
    if (size < buf.length) ftruncateSync(fd, size);
    if (size === 0) {
      writeSync(fd, frameRecord(encodeHeader({ ...headerOf(frame), compactedLength: 0, compactedPoints: 0 })));
      size = HEADER_RECORD_BYTES;
    }
    const compacted = image.header !== null && image.header.compactedLength === size;
    const nextId = Math.max(-1, ...image.series.keys()) + 1;
    return new PeriodWriter(path, frame, fd, new Map(image.ids), nextId, { size, points: image.points, compacted });
  }

  /** Appends the points of these series as one chunk; returns the bytes written. */
  append(series: SeriesPoints[]): number {
    const fresh: { id: number; key: string; precision: number }[] = [];
    const blocks = series.map((s) => {
      let id = this.ids.get(s.key);
      if (id === undefined) fresh.push({ id: (id = this.nextId + fresh.length), key: s.key, precision: s.precision });
      return { id, precision: s.precision, points: s.points };
    });
    const parts = [frameRecord(encodeChunk(blocks, this.frame))];
    if (fresh.length > 0) parts.unshift(frameRecord(encodeDict(fresh)));
    const bytes = Buffer.concat(parts);
    try {
      writeSync(this.fd, bytes);
    } catch (err) {
      // A short write would leave a torn record in the middle of later appends.
      ftruncateSync(this.fd, this.info.size);
      throw err;
    }
    for (const f of fresh) this.ids.set(f.key, f.id);
    this.nextId += fresh.length;
    this.info.size += bytes.length;
    for (const s of series) this.info.points += s.points.t.length;
    this.info.compacted = false;
    return bytes.length;
  }

  sync(): void {
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function headerOf(frame: ChunkFrame) {
  return { stepMs: frame.stepMs, periodStart: frame.baseMs };
}

/** Rewrites a (closed) period file as one chunk per series; returns its new size and points. */
export function compactFile(path: string, frame: ChunkFrame, fsync: boolean): WriterInfo {
  const image = parseFileImage(readFileSync(path));
  const all = readAllSeries(image, frame);
  const body: Uint8Array[] = [];
  const dict: { id: number; key: string; precision: number }[] = [];
  let points = 0;
  for (const [key, rollup] of all) {
    const id = dict.length;
    const precision = image.series.get(image.ids.get(key)!)!.precision;
    dict.push({ id, key, precision });
    body.push(frameRecord(encodeChunk([{ id, precision, points: rollup }], frame)));
    points += rollup.t.length;
  }
  body.unshift(frameRecord(encodeDict(dict)));
  const rest = Buffer.concat(body);
  const size = HEADER_RECORD_BYTES + rest.length;
  const header = frameRecord(encodeHeader({ ...headerOf(frame), compactedLength: size, compactedPoints: points }));
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, Buffer.concat([header, rest]));
    if (fsync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  if (fsync) syncDirectory(dirname(path));
  return { size, points, compacted: true };
}

/** Makes a rename durable where the platform allows it (not on Windows). */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync everywhere; the rename is still atomic.
  }
}
