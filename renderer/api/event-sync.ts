/**
 * The one listener that turns backend events into TanStack Query cache
 * updates. Events are batched per animation frame so a burst (a host with
 * thousands of domains connecting) costs one pass over each cached list.
 */
import type { QueryClient } from '@tanstack/react-query';
import { events, type EventName } from '../../shared/api';
import type { Bridge } from '../../shared/transport';
import type { Connection, Vm } from '../../shared/types';
import type { LinkStatusStore } from './link-status';
import { applyConnectionChanges, applyVmChanges, emptyBatch, vmKey, type Batch } from './cache-updates';

const FLUSH_DELAY_MS = 16;

function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

function collect(batch: Batch, name: string, payload: unknown): void {
  if (!isEventName(name)) return;
  const parsed = events[name].safeParse(payload);
  if (!parsed.success) {
    console.warn(`novacron: ignoring malformed ${name} event`, parsed.error.issues);
    return;
  }
  switch (name) {
    case 'connection.changed': {
      const c = parsed.data as Connection;
      batch.connections.set(c.id, c);
      batch.removedConnections.delete(c.id);
      break;
    }
    case 'connection.removed': {
      const { id } = parsed.data as { id: string };
      batch.connections.delete(id);
      batch.removedConnections.add(id);
      break;
    }
    case 'vm.changed': {
      const vm = parsed.data as Vm;
      batch.vms.set(vmKey(vm), vm);
      batch.removedVms.delete(vmKey(vm));
      break;
    }
    case 'vm.removed': {
      const ref = parsed.data as { connectionId: string; uuid: string };
      batch.vms.delete(vmKey(ref));
      batch.removedVms.set(vmKey(ref), ref);
      break;
    }
    case 'vms.invalidated':
      batch.invalidated.add((parsed.data as { connectionId: string }).connectionId);
      break;
  }
}

export function startEventSync(bridge: Bridge, client: QueryClient, link: LinkStatusStore): () => void {
  let batch = emptyBatch();
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const current = batch;
    batch = emptyBatch();
    applyConnectionChanges(client, current);
    applyVmChanges(client, current);
  };

  const offEvents = bridge.onEvent((name, payload) => {
    collect(batch, name, payload);
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
