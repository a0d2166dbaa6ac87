/** libvirt's state reasons (virDomainRunningReason, ...) as lower-case words, per state. */
import { DomainPausedReason, DomainRunningReason, DomainShutoffReason, DomainState } from '../../libvirt/index.js';

function namesOf(table: Record<string, number>): string[] {
  const names: string[] = [];
  for (const [k, v] of Object.entries(table)) names[v] = k.toLowerCase().replace(/_/g, '-');
  return names;
}

const REASONS: Record<number, string[]> = {
  [DomainState.RUNNING]: namesOf(DomainRunningReason),
  [DomainState.BLOCKED]: ['unknown'],
  [DomainState.PAUSED]: namesOf(DomainPausedReason),
  [DomainState.SHUTDOWN]: ['unknown', 'user'],
  [DomainState.SHUTOFF]: namesOf(DomainShutoffReason),
  [DomainState.CRASHED]: ['unknown', 'panicked'],
  [DomainState.PMSUSPENDED]: ['unknown'],
};

/** e.g. (RUNNING, 1) -> "booted", (SHUTOFF, 5) -> "saved". */
export function describeStateReason(state: number, reason: number): string {
  return REASONS[state]?.[reason] ?? 'unknown';
}
