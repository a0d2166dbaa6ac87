/**
 * Capacity: for every host (memory, CPU) and storage pool (allocation), days
 * until full with an interval, read off a forecast of its history by
 * daysUntil (forecast/capacity.ts), ranked by what fills first. Host memory
 * and CPU fill towards 100%; a pool's allocation towards its latest
 * capacity. The history is the last 7 days of the 1-minute tier in buckets
 * of at most 500 points (the full-resolution window when a store is new).
 * One resource per macrotask: each daysUntil blocks for one fit only.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CapacityItem, CapacityReport } from '../../../../shared/contract/analytics.js';
import { hostSeriesKey, poolSeriesKey } from '../../../../shared/contract/metrics-series.js';
import type { HistoryStore } from '../../monitoring/history/index.js';
import { daysUntil } from '../forecast/index.js';
import { readHistory, type SeriesHistory } from './history.js';

const DAY = 86_400_000;
export const CAPACITY_WINDOW_MS = 7 * DAY;
const MAX_POINTS = 500;
/** Look this far ahead for a crossing. */
const MAX_DAYS = 365;
/**
 * Below this many points the forecaster cannot run its rolling-origin check
 * (it needs 16 points before an origin) and falls back to a flat forecast,
 * which never reaches a limit: report "insufficient history" instead.
 */
export const MIN_FIT_SAMPLES = 24;

export interface HostRef {
  connectionId: string;
  name: string;
}

export interface PoolRef extends HostRef {
  pool: string;
  /** Capacity and allocation read live, for a pool the history has nothing of yet (bytes). */
  capacity?: number;
  allocation?: number;
}

interface Target {
  kind: CapacityItem['kind'];
  host: HostRef;
  pool?: string;
  label: string;
  unit: string;
  key: string;
  limitOf(h: SeriesHistory): Promise<number | undefined>;
  /** The latest value when the history has none. */
  fallback?: number;
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

async function latestOf(store: HistoryStore, key: string, from: number, to: number): Promise<number | undefined> {
  const h = await readHistory(store, key, { from, to, maxPoints: MAX_POINTS });
  return h.v.length > 0 ? h.v[h.v.length - 1] : undefined;
}

function listTargets(store: HistoryStore, hosts: readonly HostRef[], pools: readonly PoolRef[], from: number, to: number): Target[] {
  const out: Target[] = [];
  for (const host of hosts) {
    out.push(
      {
        kind: 'host-memory',
        host,
        label: `Memory of ${host.name}`,
        unit: '%',
        key: hostSeriesKey(host.connectionId, 'host_mem_used_pct'),
        limitOf: async () => 100,
      },
      {
        kind: 'host-cpu',
        host,
        label: `CPU of ${host.name}`,
        unit: '%',
        key: hostSeriesKey(host.connectionId, 'host_cpu_pct'),
        limitOf: async () => 100,
      },
    );
  }
  for (const p of pools) {
    out.push({
      kind: 'pool',
      host: p,
      pool: p.pool,
      label: `Pool ${p.pool} on ${p.name}`,
      unit: 'B',
      key: poolSeriesKey(p.connectionId, p.pool, 'alloc_bytes'),
      limitOf: async () => (await latestOf(store, poolSeriesKey(p.connectionId, p.pool, 'capacity_bytes'), from, to)) ?? p.capacity,
      ...(p.allocation !== undefined ? { fallback: p.allocation } : {}),
    });
  }
  return out;
}

/** One resource's row. */
export async function planOne(store: HistoryStore, target: Target, from: number, to: number): Promise<CapacityItem | undefined> {
  const h = await readHistory(store, target.key, { from, to, maxPoints: MAX_POINTS });
  const limit = await target.limitOf(h);
  const current = h.v.length > 0 ? h.v[h.v.length - 1]! : target.fallback;
  if (limit === undefined || current === undefined) return undefined;
  const base = {
    kind: target.kind,
    connectionId: target.host.connectionId,
    host: target.host.name,
    ...(target.pool !== undefined ? { pool: target.pool } : {}),
    label: target.label,
    unit: target.unit,
    current,
    limit,
    fillPct: limit > 0 ? (current / limit) * 100 : 0,
    basis: { key: target.key, tier: h.tier, stepMs: h.stepMs, from: h.t[0] ?? to, to: h.t[h.t.length - 1] ?? to, samples: h.t.length },
  };
  if (h.t.length < MIN_FIT_SAMPLES) return { ...base, days: null, low: null, high: null, status: 'insufficient-history' };
  await nextTurn();
  const d = daysUntil(h, limit, { maxDays: MAX_DAYS, stepMs: h.stepMs });
  return { ...base, days: finiteOrNull(d.days), low: finiteOrNull(d.low), high: finiteOrNull(d.high), status: 'ok' };
}

/** What fills first first; then the rows with no date, fullest first. */
export function rankCapacity(items: CapacityItem[]): CapacityItem[] {
  return [...items].sort((a, b) => {
    if (a.days !== null && b.days !== null) return a.days - b.days;
    if (a.days !== null) return -1;
    if (b.days !== null) return 1;
    return b.fillPct - a.fillPct;
  });
}

export async function planCapacity(
  store: HistoryStore,
  hosts: readonly HostRef[],
  pools: readonly PoolRef[],
  now: number,
): Promise<CapacityReport> {
  const from = now - CAPACITY_WINDOW_MS;
  const items: CapacityItem[] = [];
  for (const target of listTargets(store, hosts, pools, from, now)) {
    const item = await planOne(store, target, from, now);
    if (item) items.push(item);
  }
  return { at: now, items: rankCapacity(items) };
}
