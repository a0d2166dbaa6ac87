/**
 * A minimal ISO 9660 image writer: a handful of small files in the root
 * directory, with a Joliet tree so their names keep lower case and dashes
 * ("user-data", "meta-data"). That is all a cloud-init NoCloud seed needs.
 *
 * Why our own: the npm packages that write ISO images either shell out to
 * genisoimage/xorriso (which a remote host's user need not have, and the
 * image is built here, then uploaded through libvirt), are unmaintained, or
 * pull in a large dependency tree for a few hundred bytes of structure. The
 * format for this case is small and fixed; the facts below are from
 * ECMA-119 (ISO 9660) and the Joliet specification.
 *
 * Layout, in 2048-byte logical sectors:
 *   0-15 system area (zeros) | 16 primary volume descriptor | 17 Joliet
 *   supplementary descriptor | 18 set terminator | 19-22 path tables (L and M,
 *   primary then Joliet) | 23 primary root directory | 24 Joliet root |
 *   25.. the files, each from a sector boundary.
 */

const SECTOR = 2048;
const PVD_SECTOR = 16;
const ROOT_PRIMARY = 23;
const ROOT_JOLIET = 24;
const FIRST_FILE = 25;
const MAX_FILES = 20; // the root directory must fit in one sector

export interface IsoFile {
  /** The Joliet name (up to 64 characters, no "/"); the primary tree gets an 8.3 form of it. */
  name: string;
  data: Uint8Array;
}

export interface IsoOptions {
  /** The volume identifier, e.g. "cidata" (up to 16 characters: the Joliet field holds 16 UCS-2 ones). */
  volumeId: string;
  /** Recording time of every record; default now. */
  date?: Date;
}

/** ECMA-119 7.3.3: a 32-bit number little-endian then big-endian. */
function both32(buf: Buffer, off: number, n: number): void {
  buf.writeUInt32LE(n, off);
  buf.writeUInt32BE(n, off + 4);
}

/** ECMA-119 7.2.3: a 16-bit number little-endian then big-endian. */
function both16(buf: Buffer, off: number, n: number): void {
  buf.writeUInt16LE(n, off);
  buf.writeUInt16BE(n, off + 2);
}

/** ECMA-119 9.1.5: seven bytes, years since 1900 .. seconds, then the offset from GMT in 15-minute steps (0: UTC). */
function recordDate(d: Date): Buffer {
  return Buffer.from([
    d.getUTCFullYear() - 1900,
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    0,
  ]);
}

/** ECMA-119 8.4.26.1: "YYYYMMDDHHMMSScc" in ASCII digits, then the GMT offset byte. */
function volumeDate(d: Date | null): Buffer {
  const out = Buffer.alloc(17, 0);
  const text = d
    ? d
        .toISOString()
        .replace(/[-:T]/g, '')
        .replace(/\.(\d\d)\d*Z$/, '$1')
    : '0000000000000000';
  out.write(text.slice(0, 16), 0, 'ascii');
  return out;
}

function ucs2be(s: string): Buffer {
  const le = Buffer.from(s, 'utf16le');
  return le.swap16();
}

/** A field padded with spaces: ASCII for the primary descriptor, UCS-2 (0x0020) for Joliet's. */
function padded(text: string, length: number, joliet: boolean): Buffer {
  const out = Buffer.alloc(length);
  if (joliet) {
    for (let i = 0; i + 1 < length; i += 2) out.writeUInt16BE(0x20, i);
    ucs2be(text).copy(out, 0, 0, length - (length % 2));
  } else {
    out.fill(0x20);
    out.write(text, 0, length, 'ascii');
  }
  return out;
}

/** ECMA-119 9.1: one directory record; `id` is the raw file identifier (0x00 for ".", 0x01 for ".."). */
function dirRecord(id: Buffer, extent: number, size: number, isDir: boolean, date: Date): Buffer {
  const len = 33 + id.length + (id.length % 2 === 0 ? 1 : 0); // padded to an even length
  const r = Buffer.alloc(len);
  r[0] = len;
  r[1] = 0; // no extended attribute record
  both32(r, 2, extent);
  both32(r, 10, size);
  recordDate(date).copy(r, 18);
  r[25] = isDir ? 0x02 : 0x00;
  both16(r, 28, 1); // volume sequence number
  r[32] = id.length;
  id.copy(r, 33);
  return r;
}

/** ECMA-119 9.4: the path table of a volume with the root directory only. */
function pathTable(rootExtent: number, bigEndian: boolean): Buffer {
  const t = Buffer.alloc(10);
  t[0] = 1; // identifier length: the root's is one 0x00 byte
  if (bigEndian) t.writeUInt32BE(rootExtent, 2);
  else t.writeUInt32LE(rootExtent, 2);
  if (bigEndian) t.writeUInt16BE(1, 6);
  else t.writeUInt16LE(1, 6); // the root is its own parent
  return t;
}

/** The 8.3 primary name ("USER_DAT.;1"): d-characters only (A-Z, 0-9, _), ISO 9660 level 1. */
export function primaryName(name: string): string {
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
  const d = (s: string, n: number) =>
    s
      .toUpperCase()
      .replace(/[^A-Z0-9_]/g, '_')
      .slice(0, n);
  return `${d(base, 8) || '_'}.${d(ext, 3)};1`;
}

function checkInput(files: IsoFile[], opts: IsoOptions): void {
  if (files.length === 0 || files.length > MAX_FILES) throw new RangeError(`an image holds 1 to ${MAX_FILES} files here`);
  if (!/^[A-Za-z0-9_-]{1,16}$/.test(opts.volumeId)) throw new RangeError(`volume id "${opts.volumeId}": 1-16 of A-Z a-z 0-9 _ -`);
  const seen = new Set<string>();
  for (const f of files) {
    // eslint-disable-next-line no-control-regex
    if (!/^[^/\\\u0000-\u001f;*?:"<>|]{1,64}$/.test(f.name) || f.name === '.' || f.name === '..')
      throw new RangeError(`"${f.name}" is not a file name this writer takes (1-64 characters, no / \\ ; * ? : " < > |)`);
    const p = primaryName(f.name);
    if (seen.has(p)) throw new RangeError(`two files share the short name ${p}: rename one`);
    seen.add(p);
    if (f.data.byteLength >= 2 ** 31) throw new RangeError(`${f.name} is too large for this writer`);
  }
}

/** A volume descriptor (ECMA-119 8.4; Joliet's is the supplementary one of 8.5 with the UCS-2 escape sequence). */
function volumeDescriptor(joliet: boolean, opts: IsoOptions, totalSectors: number, date: Date): Buffer {
  const v = Buffer.alloc(SECTOR);
  v[0] = joliet ? 2 : 1;
  v.write('CD001', 1, 'ascii');
  v[6] = 1;
  padded('', 32, joliet).copy(v, 8); // system identifier
  padded(opts.volumeId, 32, joliet).copy(v, 40);
  both32(v, 80, totalSectors);
  if (joliet) v.write('%/E', 88, 'ascii'); // UCS-2 level 3
  both16(v, 120, 1); // volume set size
  both16(v, 124, 1); // volume sequence number
  both16(v, 128, SECTOR);
  both32(v, 132, 10); // path table size
  const [l, m] = joliet ? [21, 22] : [19, 20];
  v.writeUInt32LE(l, 140);
  v.writeUInt32BE(m, 148);
  dirRecord(Buffer.from([0]), joliet ? ROOT_JOLIET : ROOT_PRIMARY, SECTOR, true, date).copy(v, 156);
  for (const [off, len] of [
    [190, 128], // volume set
    [318, 128], // publisher
    [446, 128], // data preparer
  ] as const)
    padded('', len, joliet).copy(v, off);
  padded('NOVACRON', 128, joliet).copy(v, 574); // application
  for (const off of [702, 739, 776]) padded('', 37, joliet).copy(v, off); // copyright, abstract, bibliographic files
  volumeDate(date).copy(v, 813);
  volumeDate(date).copy(v, 830);
  volumeDate(null).copy(v, 847); // never expires
  volumeDate(null).copy(v, 864); // effective at once
  v[881] = 1; // file structure version
  return v;
}

function rootDirectory(entries: Array<{ id: Buffer; extent: number; size: number }>, self: number, date: Date): Buffer {
  const dir = Buffer.alloc(SECTOR);
  let off = 0;
  for (const r of [
    dirRecord(Buffer.from([0]), self, SECTOR, true, date),
    dirRecord(Buffer.from([1]), self, SECTOR, true, date), // the root's parent is itself
    ...[...entries].sort((a, b) => Buffer.compare(a.id, b.id)).map((e) => dirRecord(e.id, e.extent, e.size, false, date)),
  ]) {
    if (off + r.length > SECTOR) throw new RangeError('the file names do not fit in one directory sector');
    r.copy(dir, off);
    off += r.length;
  }
  return dir;
}

/** The whole image, ready to write or upload. */
export function buildIsoImage(files: IsoFile[], opts: IsoOptions): Buffer {
  checkInput(files, opts);
  const date = opts.date ?? new Date();
  let next = FIRST_FILE;
  const placed = files.map((f) => {
    const extent = next;
    next += Math.max(1, Math.ceil(f.data.byteLength / SECTOR));
    return { ...f, extent };
  });
  const total = next;
  const image = Buffer.alloc(total * SECTOR);
  const at = (sector: number, b: Buffer) => b.copy(image, sector * SECTOR);
  at(PVD_SECTOR, volumeDescriptor(false, opts, total, date));
  at(PVD_SECTOR + 1, volumeDescriptor(true, opts, total, date));
  const terminator = Buffer.alloc(SECTOR);
  terminator[0] = 255;
  terminator.write('CD001', 1, 'ascii');
  terminator[6] = 1;
  at(PVD_SECTOR + 2, terminator);
  at(19, pathTable(ROOT_PRIMARY, false));
  at(20, pathTable(ROOT_PRIMARY, true));
  at(21, pathTable(ROOT_JOLIET, false));
  at(22, pathTable(ROOT_JOLIET, true));
  const sized = placed.map((f) => ({ extent: f.extent, size: f.data.byteLength }));
  at(
    ROOT_PRIMARY,
    rootDirectory(
      placed.map((f, i) => ({ id: Buffer.from(primaryName(f.name), 'ascii'), ...sized[i]! })),
      ROOT_PRIMARY,
      date,
    ),
  );
  at(
    ROOT_JOLIET,
    rootDirectory(
      placed.map((f, i) => ({ id: ucs2be(f.name), ...sized[i]! })),
      ROOT_JOLIET,
      date,
    ),
  );
  for (const f of placed) Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength).copy(image, f.extent * SECTOR);
  return image;
}
