/**
 * The one listener that turns backend events into TanStack Query cache
 * updates, through each feature's own CacheSync (see cache-sync.ts). Events
 * are batched for a frame so a burst (a host with thousands of domains
 * connecting) costs one pass over each cached list.
 */
import type { QueryClient } from '@tanstack/react-query';
import { events, type EventName, type EventPayload } from '../../shared/api';
import type { Bridge } from '../../shared/transport';
import type { CacheSync, CacheSyncFactory } from './cache-sync';
import type { LinkStatusStore } from './link-status';

const FLUSH_DELAY_MS = 16;

function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** Validates a payload against its event's schema; undefined (and a warning) when it does not match. */
function parsePayload<E extends EventName>(name: E, payload: unknown): EventPayload<E> | undefined {
  const parsed = events[name].safeParse(payload);
  // TypeScript cannot narrow a schema picked by a generic key; the schema is exactly events[E]'s (as in client.ts).
  if (parsed.success) return parsed.data as EventPayload<E>;
  console.warn(`novacron: ignoring malformed ${name} event`, parsed.error);
  return undefined;
}

function deliver<E extends EventName>(syncs: readonly CacheSync[], name: E, raw: unknown): boolean {
  const payload = parsePayload(name, raw);
  if (payload === undefined) return false;
  for (const s of syncs) s.take(name, payload);
  return true;
}

export function startEventSync(
  bridge: Bridge,
  client: QueryClient,
  link: LinkStatusStore,
  factories: readonly CacheSyncFactory[],
): () => void {
  const syncs = factories.map((f) => f());
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    for (const s of syncs) s.flush(client);
  };

  const offEvents = bridge.onEvent((name, payload) => {
    if (!isEventName(name) || !deliver(syncs, name, payload)) return;
    if (!scheduled) {
      scheduled = true;
      // A timer, not requestAnimationFrame: it still fires (throttled) in a hidden window.
      setTimeout(flush, FLUSH_DELAY_MS);
    }
  });

  // Events were missed while the link was down: re-read everything once it is back.
  const offLink = link.subscribe((now, before) => {
    if (now.state === 'open' && before.state !== 'open' && before.wasOpen) {
      void client.invalidateQueries();
    }
  });

  return () => {
    offEvents();
    offLink();
  };
}
