import type { VmState } from '../../../shared/types';

/** How each libvirt domain state reads in the console. */
export const VM_STATE_LABELS: Record<VmState, string> = {
  running: 'running',
  blocked: 'blocked',
  paused: 'paused',
  shutdown: 'shutting down',
  shutoff: 'shut off',
  crashed: 'crashed',
  pmsuspended: 'suspended',
  nostate: 'no state',
};

export function vmStateLabel(state: VmState): string {
  return VM_STATE_LABELS[state];
}
