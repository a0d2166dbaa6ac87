/** A small seeded PRNG (mulberry32), so a failing random test can be replayed from its printed seed. */
import { mulberry32 } from '../../../helpers/random.js';

export interface Rng {
  readonly seed: number;
  /** [0, 1) */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  bytes(n: number): Buffer;
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (n: number): number => Math.floor(next() * n);
  return {
    seed,
    next,
    int,
    bytes(n) {
      const b = Buffer.allocUnsafe(n);
      for (let i = 0; i < n; i++) b[i] = int(256);
      return b;
    },
    pick: (items) => items[int(items.length)] as (typeof items)[number],
  };
}

/** The seed from $FUZZ_SEED, or a fresh one; always printed so a failure can be replayed. */
export function seedFromEnv(label: string): number {
  const fromEnv = process.env.FUZZ_SEED;
  const seed = fromEnv ? Number(fromEnv) >>> 0 : (Date.now() ^ (process.pid << 8)) >>> 0;
  console.log(`${label}: seed ${seed} (replay with FUZZ_SEED=${seed})`);
  return seed;
}

/** Splits a buffer at random points into 1..maxPieces chunks. */
export function randomChunks(rng: Rng, data: Buffer, maxPieces = 8): Buffer[] {
  const out: Buffer[] = [];
  let off = 0;
  while (off < data.length) {
    const left = data.length - off;
    const size = out.length >= maxPieces - 1 ? left : 1 + rng.int(Math.min(left, 1 + rng.int(left)));
    out.push(data.subarray(off, off + size));
    off += size;
  }
  return out;
}
