/** The backend's outgoing events, typed by the contract. Listeners never break the emitter. */
import type { EventName, EventPayload } from '../../shared/api.js';
import type { Logger } from './log.js';

export type EventListener = (name: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  on(listener: EventListener): () => void;
}

export function createEventBus(log: Logger): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const l of [...listeners]) {
        try {
          l(name, payload);
        } catch (e) {
          log.error(`event listener failed on ${name}`, e);
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
