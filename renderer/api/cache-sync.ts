/**
 * How a feature keeps its own caches fresh from backend events. A feature
 * declares, per event name, how one payload folds into its batch, and how a
 * batch is written to the cache; event-sync.ts delivers the events and
 * flushes every feature's batch together. Features are listed once, in
 * app/cache-syncs.ts.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { EventName, EventPayload } from '../../shared/api';

export interface CacheSyncSpec<B> {
  /** A fresh, empty batch. */
  batch(): B;
  /** Per event: fold one payload into the batch (typed by the contract's event schema). */
  on: { [E in EventName]?: (batch: B, payload: EventPayload<E>) => void };
  /** Write a batch to the cache; called once per flush, only if an event reached this feature. */
  flush(client: QueryClient, batch: B): void;
}

/** One feature's live sync, with its batch type hidden so features with different batches share a list. */
export interface CacheSync {
  take<E extends EventName>(name: E, payload: EventPayload<E>): void;
  flush(client: QueryClient): void;
}

/** A factory: each startEventSync gets fresh batches. */
export type CacheSyncFactory = () => CacheSync;

export function defineCacheSync<B>(spec: CacheSyncSpec<B>): CacheSyncFactory {
  return () => {
    let batch = spec.batch();
    let touched = false;
    return {
      take(name, payload) {
        const fold = spec.on[name];
        if (!fold) return;
        fold(batch, payload);
        touched = true;
      },
      flush(client) {
        if (!touched) return;
        const full = batch;
        batch = spec.batch();
        touched = false;
        spec.flush(client, full);
      },
    };
  };
}

/** Applies one event right away (a mutation's answer written the way its event would be). */
export function applyNow<E extends EventName>(factory: CacheSyncFactory, client: QueryClient, name: E, payload: EventPayload<E>): void {
  const sync = factory();
  sync.take(name, payload);
  sync.flush(client);
}
