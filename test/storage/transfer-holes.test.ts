/** splitHoles: the zero-run scan of sparse uploads. Pure: bytes in, data and holes out, the same bytes in order. */
import { describe, expect, it } from 'vitest';
import { HOLE_BLOCK, MIN_HOLE, splitHoles } from '../../electron/backend/storage/transfer/holes.js';
import type { StreamItem } from '../../electron/libvirt/index.js';
import { chunks, layout } from './transfer-helpers.js';

async function split(b: Buffer, chunk: number): Promise<StreamItem[]> {
  const out: StreamItem[] = [];
  for await (const item of splitHoles(chunks(b, chunk))) out.push(item);
  return out;
}

/** The bytes the items stand for. */
function join(items: StreamItem[]): Buffer {
  return Buffer.concat(items.map((i) => (i instanceof Uint8Array ? Buffer.from(i) : Buffer.alloc(Number(i.hole)))));
}

const holes = (items: StreamItem[]) => items.filter((i) => !(i instanceof Uint8Array)).map((i) => Number((i as { hole: bigint }).hole));

describe('splitHoles', () => {
  it('turns a long zero run into one hole, even across chunk boundaries, and keeps every byte', async () => {
    const b = layout([
      ['data', 10_000],
      ['zero', 3 * MIN_HOLE + 5],
      ['data', 777],
    ]);
    for (const chunk of [4096, 65_536, 100_003, b.length]) {
      const items = await split(b, chunk);
      expect(join(items).equals(b), `chunk ${chunk}`).toBe(true);
      const h = holes(items);
      expect(h, `chunk ${chunk}`).toHaveLength(1);
      // Only whole zero blocks become the hole; the partial blocks at its edges stay data.
      expect(h[0]).toBeGreaterThanOrEqual(3 * MIN_HOLE - 2 * HOLE_BLOCK);
    }
  });

  it('leaves short zero runs as data, and ends a file that ends in zeros with a hole', async () => {
    const short = layout([
      ['data', 5000],
      ['zero', MIN_HOLE - HOLE_BLOCK],
      ['data', 5000],
    ]);
    expect(holes(await split(short, 8192))).toEqual([]);
    expect(join(await split(short, 8192)).equals(short)).toBe(true);

    const tail = layout([
      ['data', HOLE_BLOCK],
      ['zero', 2 * MIN_HOLE],
    ]);
    const items = await split(tail, 10_000);
    expect(holes(items)).toEqual([2 * MIN_HOLE]);
    expect(items.at(-1)).toEqual({ hole: BigInt(2 * MIN_HOLE) });
    expect(join(items).equals(tail)).toBe(true);
  });

  it('random bytes pass through untouched, all zeros is one hole', async () => {
    const rand = layout([['data', 300_001]]);
    expect(holes(await split(rand, 65_536))).toEqual([]);
    expect(join(await split(rand, 65_536)).equals(rand)).toBe(true);
    expect(await split(Buffer.alloc(4 * MIN_HOLE), 50_000)).toEqual([{ hole: BigInt(4 * MIN_HOLE) }]);
  });
});
