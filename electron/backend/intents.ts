/**
 * What NovaCron itself asked of a machine, for features that must tell an
 * expected change from an unexpected one (a machine the user shut down
 * through NovaCron did not "stop unexpectedly"). An intent is forgotten after
 * a while: a shutdown request the guest ignored for ten minutes says nothing
 * about the stop that comes later.
 */
export type Intent = 'stop' | 'start' | 'restart' | 'suspend' | 'resume' | 'migrate' | 'delete';

export interface Intents {
  record(connectionId: string, uuid: string, intent: Intent): void;
  /** The intent recorded for this machine within the last `withinMs` (default 10 min), if any. */
  recent(connectionId: string, uuid: string, withinMs?: number): Intent | undefined;
}

const DEFAULT_WINDOW_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

export function createIntents(now: () => number = Date.now): Intents {
  const entries = new Map<string, { intent: Intent; at: number }>();
  return {
    record(connectionId, uuid, intent) {
      const key = `${connectionId}/${uuid}`;
      entries.delete(key);
      entries.set(key, { intent, at: now() });
      // Oldest first in insertion order: trim from the front.
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    },
    recent(connectionId, uuid, withinMs = DEFAULT_WINDOW_MS) {
      const e = entries.get(`${connectionId}/${uuid}`);
      return e && now() - e.at <= withinMs ? e.intent : undefined;
    },
  };
}
