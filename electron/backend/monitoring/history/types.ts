/** The history store's public shapes: what the collector appends and what views query. */
import type { TierName } from './tiers.js';

/** One measurement: a series key such as `host/<connectionId>/vm/<uuid>/cpu_pct`. */
export interface Sample {
  key: string;
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

export type QueryTier = 'raw' | TierName;

/** Bucket starts and each bucket's min/avg/max; empty buckets are left out. */
export interface QueryResult {
  tier: QueryTier;
  stepMs: number;
  t: number[];
  min: number[];
  avg: number[];
  max: number[];
}

export interface Retention {
  /** How far back full-resolution samples are kept in memory. */
  rawWindowMs: number;
  oneMinuteMs: number;
  fifteenMinuteMs: number;
}

export interface TierUsage {
  bytes: number;
  points: number;
  files: number;
}

export interface HistoryUsage {
  memoryBytes: number;
  diskBytes: number;
  points: number;
  series: number;
  tiers: Record<QueryTier, TierUsage>;
}

export interface HistoryStoreOptions {
  dir: string;
  /** Open another process's store to read it (the CLI beside a running backend): nothing is written, repaired or removed. */
  readOnly?: boolean;
  retention?: Partial<Retention>;
  /** The expected sampling interval; with rawWindowMs it sizes the rings. */
  rawIntervalMs?: number;
  /** The precision values of a series are kept to (see precision.ts for the default). */
  precisionOf?: (key: string) => number;
  /** fsync the files on flush (default true). */
  fsync?: boolean;
  now?: () => number;
}

export interface HistoryStore {
  /** Adds samples; non-finite values are ignored. Nothing reaches disk before flush(). */
  append(samples: readonly Sample[]): void;
  /** Points of [from, to) at stepMs or coarser, from the finest tier that covers `from`. */
  query(key: string, from: number, to: number, stepMs: number): Promise<QueryResult>;
  /** Writes the closed roll-up buckets; what was not flushed is what a crash loses. */
  flush(): Promise<void>;
  /** Writes every bucket, including the ones still open, and closes the files. */
  close(): Promise<void>;
  usage(): HistoryUsage;
  setRetention(retention: Partial<Retention>): void;
}

export const DEFAULT_RETENTION: Retention = {
  rawWindowMs: 15 * 60_000,
  oneMinuteMs: 7 * 86_400_000,
  fifteenMinuteMs: 90 * 86_400_000,
};
