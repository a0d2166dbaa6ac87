/**
 * A fixed-capacity ring of numbers. Once full, each push overwrites the oldest
 * entry, so its memory never grows with the length of the stream.
 */
export interface Ring {
  readonly data: Float64Array;
  /** Index the next push writes to. */
  head: number;
  /** Entries held so far (at most data.length). */
  size: number;
}

export function createRing(capacity: number): Ring {
  return { data: new Float64Array(capacity), head: 0, size: 0 };
}

export function pushRing(ring: Ring, value: number): void {
  ring.data[ring.head] = value;
  ring.head = (ring.head + 1) % ring.data.length;
  if (ring.size < ring.data.length) ring.size++;
}

/** The entry pushed `ago` pushes before the newest (0 = newest). */
export function readRing(ring: Ring, ago: number): number {
  const n = ring.data.length;
  return ring.data[(ring.head - 1 - ago + 2 * n) % n] ?? 0;
}
