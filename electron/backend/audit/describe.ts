/**
 * What an action touched, from its parameters: the connection (id and name)
 * and the objects — machines by UUID (their names looked up on the host),
 * pools, networks, snapshots, rules, connection records. Looked up when the
 * call arrives (so a deleted machine or removed connection keeps its name)
 * and completed when it has finished.
 */
import type { AuditObject } from '../../../shared/contract/audit.js';
import { api } from '../../libvirt/index.js';
import type { HostRegistry } from '../hosts/registry.js';
import type { Store } from '../store/store.js';

export interface ActionContext {
  connectionId?: string;
  connectionName?: string;
  objects: AuditObject[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

interface Target {
  connectionId: string;
  uuid: string;
}

/** Machines named by the input: its own connectionId + uuid, and the items of top-level lists. */
function machinesOf(input: Record<string, unknown>): Target[] {
  const out: Target[] = [];
  const take = (v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
    const o = v as Record<string, unknown>;
    const connectionId = str(o.connectionId);
    const uuid = str(o.uuid);
    if (connectionId && uuid) out.push({ connectionId, uuid });
  };
  take(input);
  for (const v of Object.values(input)) if (Array.isArray(v)) v.forEach(take);
  return out;
}

/**
 * The connection the action is about: `connectionId`, a connection record's
 * `id`, the first machine's, or (once it exists) the record connections.add made.
 */
function connectionOf(store: Store, method: string, input: Record<string, unknown>, machines: Target[]): string | undefined {
  const added = method === 'connections.add' ? str(input.name)?.toLowerCase() : undefined;
  return (
    str(input.connectionId) ??
    (method.startsWith('connections.') ? str(input.id) : undefined) ??
    machines[0]?.connectionId ??
    (added ? store.data.connections.find((c) => c.name.toLowerCase() === added)?.id : undefined)
  );
}

async function machineName(hosts: HostRegistry, t: Target): Promise<string | undefined> {
  const c = hosts.tryClient(t.connectionId);
  if (!c) return undefined;
  try {
    return (await api.lookupDomainByUuid(c, t.uuid)).name;
  } catch {
    return undefined; // gone (or never there): the UUID alone identifies it
  }
}

/** Everything but the machine names, at once (the store is in memory). */
function staticObjects(method: string, input: Record<string, unknown>): AuditObject[] {
  const objects: AuditObject[] = [];
  const pool = str(input.pool) ?? str(input.poolName);
  const network = str(input.network) ?? str(input.networkName);
  const volume = str(input.volume) ?? str(input.volumeName);
  if (pool) objects.push({ kind: 'pool', name: pool });
  if (network) objects.push({ kind: 'network', name: network });
  if (volume) objects.push({ kind: 'volume', name: volume });
  if (method.startsWith('snapshots.') && str(input.name)) objects.push({ kind: 'snapshot', name: str(input.name)! });
  if (method.startsWith('networks.') && str(input.name)) objects.push({ kind: 'network', name: str(input.name)! });
  if (method.startsWith('alerts.') && method.endsWith('Rule') && str(input.id)) objects.push({ kind: 'rule', uuid: str(input.id)! });
  return objects;
}

export async function describeAction(
  store: Store,
  hosts: HostRegistry,
  method: string,
  input: Record<string, unknown>,
  known?: ActionContext,
): Promise<ActionContext> {
  const machines = machinesOf(input);
  const connectionId = connectionOf(store, method, input, machines);
  const connectionName =
    known?.connectionName ?? (connectionId ? store.data.connections.find((c) => c.id === connectionId)?.name : undefined);
  const knownNames = new Map((known?.objects ?? []).filter((o) => o.kind === 'vm').map((o) => [o.uuid, o.name]));
  const vms: AuditObject[] = await Promise.all(
    machines.map(async (m) => {
      const name = knownNames.get(m.uuid) ?? (await machineName(hosts, m));
      return { kind: 'vm' as const, uuid: m.uuid, ...(name ? { name } : {}) };
    }),
  );
  const record: AuditObject[] =
    method.startsWith('connections.') && connectionId
      ? [{ kind: 'connection', uuid: connectionId, ...(connectionName ? { name: connectionName } : {}) }]
      : [];
  return {
    ...(connectionId ? { connectionId } : {}),
    ...(connectionName ? { connectionName } : {}),
    objects: [...vms, ...record, ...staticObjects(method, input)],
  };
}
