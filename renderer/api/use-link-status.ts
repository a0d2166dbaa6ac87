import { useSyncExternalStore } from 'react';
import { linkStatus } from './bridge';
import type { LinkStatus } from './link-status';

const subscribe = (onChange: () => void) => linkStatus.subscribe(onChange);

/** The renderer's link to the backend, for the "reconnecting" banner. */
export function useLinkStatus(): LinkStatus {
  return useSyncExternalStore(subscribe, linkStatus.get);
}
