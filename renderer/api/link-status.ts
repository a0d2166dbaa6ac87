/**
 * The state of the renderer's link to the backend (the WebSocket in headless
 * mode; always "open" over Electron IPC). A tiny external store for
 * useSyncExternalStore.
 */
export type LinkState = 'connecting' | 'open' | 'reconnecting';

export interface LinkStatus {
  state: LinkState;
  /** Failed attempts since the link was last open. */
  attempt: number;
  /** The link was open at least once (so "reconnecting" means it was lost). */
  wasOpen: boolean;
}

type Listener = (status: LinkStatus, previous: LinkStatus) => void;

export interface LinkStatusStore {
  get(): LinkStatus;
  set(next: Partial<LinkStatus>): void;
  subscribe(listener: Listener): () => void;
}

export function createLinkStatusStore(initial: LinkStatus): LinkStatusStore {
  let status = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => status,
    set(next) {
      const previous = status;
      status = { ...status, ...next };
      for (const l of [...listeners]) l(status, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
