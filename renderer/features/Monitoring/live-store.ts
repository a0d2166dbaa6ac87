/**
 * The renderer's live metrics: what `metrics.sweep` events brought, kept
 * small. Per machine a bounded ring of CPU % and memory % (the Machines
 * table's sparklines); per subject (a machine or a host) listeners that get
 * every sweep's values (the live charts append them). One store per
 * QueryClient, so each app instance (and each test) has its own.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { EventPayload } from '../../../shared/api';

export type SweepPayload = EventPayload<'metrics.sweep'>;
export type Values = Record<string, number | undefined>;
export type SubjectListener = (t: number, values: Values) => void;

/** Two minutes at the default 2 s interval. */
export const SPARK_POINTS = 60;
export const SPARK_SERIES = ['cpu_pct', 'mem_used_pct'] as const;
export type SparkSeries = (typeof SPARK_SERIES)[number];

export const vmSubject = (connectionId: string, uuid: string) => `${connectionId}/${uuid.toLowerCase()}`;
export const hostSubject = (connectionId: string) => `${connectionId}/host`;

/** A fixed-size ring of numbers; NaN where a sweep had no value. */
export class Ring {
  private readonly buf: Float32Array;
  private next = 0;
  /** Pushes so far (also the ring's version). */
  count = 0;
  constructor(readonly capacity: number) {
    this.buf = new Float32Array(capacity);
  }
  push(v: number | undefined): void {
    this.buf[this.next] = v ?? Number.NaN;
    this.next = (this.next + 1) % this.capacity;
    this.count++;
  }
  /** Oldest first. */
  values(): number[] {
    const n = Math.min(this.count, this.capacity);
    const out = new Array<number>(n);
    const first = this.count > this.capacity ? this.next : 0;
    for (let i = 0; i < n; i++) out[i] = this.buf[(first + i) % this.capacity] ?? Number.NaN;
    return out;
  }
  last(): number | undefined {
    if (this.count === 0) return undefined;
    const v = this.buf[(this.next - 1 + this.capacity) % this.capacity];
    return v === undefined || Number.isNaN(v) ? undefined : v;
  }
}

interface Spark {
  rings: Record<SparkSeries, Ring>;
}

export class LiveStore {
  private readonly sparks = new Map<string, Spark>();
  /** The machines each host's last sweep had, to drop the ones that left it (shut off, removed). */
  private readonly byHost = new Map<string, Set<string>>();
  private readonly listeners = new Map<string, Set<SubjectListener>>();
  private readonly sparkListeners = new Map<string, Set<() => void>>();

  ingest(sweep: SweepPayload): void {
    const host = sweep.host.connectionId;
    this.emit(hostSubject(host), sweep.host.t, sweep.host.values);
    const seen = new Set<string>();
    for (const vm of sweep.vms) {
      const key = vmSubject(vm.connectionId, vm.uuid);
      seen.add(key);
      let spark = this.sparks.get(key);
      if (!spark) {
        spark = { rings: { cpu_pct: new Ring(SPARK_POINTS), mem_used_pct: new Ring(SPARK_POINTS) } };
        this.sparks.set(key, spark);
      }
      for (const s of SPARK_SERIES) spark.rings[s].push(vm.values[s]);
      this.emit(key, vm.t, vm.values);
      this.sparkListeners.get(key)?.forEach((l) => l());
    }
    for (const key of this.byHost.get(host) ?? []) if (!seen.has(key)) this.drop(key);
    this.byHost.set(host, seen);
  }

  /** A machine or a whole host left: its rings go. */
  forget(connectionId: string, uuid?: string): void {
    if (uuid) return this.drop(vmSubject(connectionId, uuid));
    for (const key of this.byHost.get(connectionId) ?? []) this.drop(key);
    this.byHost.delete(connectionId);
  }

  private drop(key: string): void {
    if (!this.sparks.delete(key)) return;
    this.sparkListeners.get(key)?.forEach((l) => l());
  }

  private emit(key: string, t: number, values: Values): void {
    this.listeners.get(key)?.forEach((l) => l(t, values));
  }

  /** Every sweep's values for one subject, from now on. */
  listen(subject: string, listener: SubjectListener): () => void {
    return add(this.listeners, subject, listener);
  }

  /** A machine's sparkline ring changed (a sweep, or it left). */
  subscribeSpark(subject: string, listener: () => void): () => void {
    return add(this.sparkListeners, subject, listener);
  }

  /** Changes whenever the subject's rings do: a snapshot for useSyncExternalStore. */
  sparkVersion(subject: string): number {
    return this.sparks.get(subject)?.rings.cpu_pct.count ?? -1;
  }

  spark(subject: string, series: SparkSeries): Ring | undefined {
    return this.sparks.get(subject)?.rings[series];
  }
}

function add<T>(map: Map<string, Set<T>>, key: string, item: T): () => void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(item);
  return () => {
    set.delete(item);
    if (set.size === 0) map.delete(key);
  };
}

const stores = new WeakMap<QueryClient, LiveStore>();

export function liveStoreOf(client: QueryClient): LiveStore {
  let store = stores.get(client);
  if (!store) stores.set(client, (store = new LiveStore()));
  return store;
}
