/** Synthetic 5-minute series with a daily cycle and seeded noise, for the detector tests. */
import { mulberry32 } from '../helpers/random.js';

export const STEP_MS = 5 * 60_000;
export const PER_DAY = 288;
export const START_MS = Date.UTC(2024, 0, 1);

/** Deterministic uniform [0, 1) numbers (mulberry32). */
export const makeRandom = mulberry32;

/** Standard normal noise from a uniform source (Box-Muller). */
export function makeNormal(seed: number): () => number {
  const u = makeRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface Synthetic {
  times: number[];
  values: number[];
}

/** `days` of a daily sine (amplitude 10 around 50) plus unit noise; `shape` may alter any point. */
export function makeSeasonal(days: number, seed = 1, shape?: (i: number, base: number) => number): Synthetic {
  const noise = makeNormal(seed);
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < days * PER_DAY; i++) {
    const base = 50 + 10 * Math.sin((2 * Math.PI * i) / PER_DAY);
    times.push(START_MS + i * STEP_MS);
    values.push((shape ? shape(i, base) : base) + noise());
  }
  return { times, values };
}
