/**
 * Finding holes in bytes we send: runs of zeros become STREAM_HOLE items on a sparse upload.
 * Node has no SEEK_DATA/SEEK_HOLE (what virsh vol-upload --sparse asks the local file), so the
 * bytes themselves are scanned, block by block, with a memcmp against a zero block.
 */
import type { StreamItem } from '../../../libvirt/index.js';

/** The scan's granularity: a filesystem block, so holes line up with what the host can leave unallocated. */
export const HOLE_BLOCK = 4096;
/** Shorter zero runs go as data: a hole packet per few KiB would cost more than it saves. */
export const MIN_HOLE = 64 * 1024;
const ZERO_BLOCK = Buffer.alloc(HOLE_BLOCK);

function isZero(b: Buffer, from: number, to: number): boolean {
  return b.compare(ZERO_BLOCK, 0, to - from, from, to) === 0;
}

/**
 * Splits a source into data and holes. Zero runs of at least MIN_HOLE bytes become holes
 * (they may span chunks); everything else passes through as the same bytes, in order.
 */
export async function* splitHoles(source: AsyncIterable<Uint8Array>): AsyncGenerator<StreamItem, void, undefined> {
  let hole = 0;
  /** Zeros held back at a chunk's end: a hole if the run goes on, data if it stops short. */
  const flushHole = function* (): Generator<StreamItem> {
    if (hole >= MIN_HOLE) yield { hole: BigInt(hole) };
    else if (hole > 0) yield new Uint8Array(hole);
    hole = 0;
  };
  for await (const chunk of source) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let dataStart = 0;
    let at = 0;
    while (at < b.length) {
      const end = Math.min(at + HOLE_BLOCK, b.length);
      if (isZero(b, at, end)) {
        if (hole === 0) {
          // A run starts here: emit the data before it.
          if (at > dataStart) yield b.subarray(dataStart, at);
          dataStart = at;
        }
        hole += end - at;
      } else if (hole > 0) {
        yield* flushHole();
        dataStart = at;
      }
      at = end;
    }
    if (hole === 0 && dataStart < b.length) yield b.subarray(dataStart);
  }
  yield* flushHole();
}
