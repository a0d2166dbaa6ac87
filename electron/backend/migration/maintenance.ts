/**
 * A host in maintenance takes nothing new through NovaCron: no machine
 * started or created there, none migrated or evacuated to it. What already
 * runs there is left alone (stopping, changing and migrating away all work).
 * A guard on the action feed, so the UI, the API and every future caller get
 * the same refusal before anything is sent to a daemon.
 */
import { AppError } from '../errors.js';
import type { Store } from '../store/store.js';

type Input = Record<string, unknown>;

/** The connection ids a call would start something new on. */
export function startsOn(method: string, input: Input): string[] {
  const str = (v: unknown) => (typeof v === 'string' ? [v] : []);
  switch (method) {
    case 'vms.act':
      return input.action === 'start' ? str(input.connectionId) : [];
    case 'vms.bulk':
      return input.action === 'start' && Array.isArray(input.items)
        ? input.items.flatMap((i) => str((i as Input | null)?.connectionId))
        : [];
    case 'vms.create':
    case 'templates.instantiate':
      return str(input.connectionId);
    case 'migration.start':
      return str(input.targetConnectionId);
    case 'hosts.evacuate':
      return [
        ...str(input.defaultTarget),
        ...(Array.isArray(input.targets) ? input.targets.flatMap((t) => str((t as Input | null)?.targetConnectionId)) : []),
      ];
    default:
      return [];
  }
}

export function refuseOnMaintenance(store: Store, method: string, input: Input): void {
  for (const id of startsOn(method, input)) {
    const record = store.data.connections.find((c) => c.id === id);
    if (record?.maintenance) {
      throw new AppError(
        'operation-invalid',
        `"${record.name}" is in maintenance: NovaCron starts nothing new there (${method} refused). End its maintenance first.`,
      );
    }
  }
}

export function isInMaintenance(store: Store, id: string): boolean {
  return store.data.connections.find((c) => c.id === id)?.maintenance === true;
}
