/** The stored connection records: validation beyond the contract's schema, and CRUD on the store. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ConnectionInput, ConnectionUpdateInput } from '../../../shared/api.js';
import { parseLibvirtUri } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { StoredConnection } from '../store/schema.js';
import type { Store } from '../store/store.js';

type Input = z.output<typeof ConnectionInput>;
type Patch = z.output<typeof ConnectionUpdateInput>;

/** URI parameters that would choose which SSH host keys are trusted, or where trusted keys are written. */
const TRUST_PARAMS = ['known_hosts', 'known_hosts_verify'] as const;

/**
 * The known_hosts file is NovaCron's own (in the data dir): a URI naming another
 * one would have trusted whatever that file says, and written accepted keys
 * wherever it points. Returns the complaint, or null for a URI without such parameters.
 */
export function foreignTrustProblem(uri: string): string | null {
  let params: Map<string, string>;
  try {
    params = parseLibvirtUri(uri).params;
  } catch {
    return null; // not ours to judge here: checkUri reports it
  }
  const found = TRUST_PARAMS.filter((p) => params.has(p));
  if (found.length === 0) return null;
  return (
    `The URI sets ${found.map((p) => `${p}=`).join(' and ')}, which NovaCron does not accept: NovaCron keeps its own ` +
    `known_hosts file and checks SSH host keys only against it (unknown keys are shown to you to trust). Remove ${found.join(' and ')} from the URI.`
  );
}

/** The contract checks the shape; the URI parser knows which URIs we can actually dial. */
function checkUri(uri: string): void {
  try {
    parseLibvirtUri(uri);
  } catch (e) {
    const message = e instanceof Error ? e.message : 'unsupported URI';
    throw new AppError('invalid-input', message, { issues: [{ path: 'uri', message }] });
  }
  const trust = foreignTrustProblem(uri);
  if (trust !== null) throw new AppError('invalid-input', trust, { issues: [{ path: 'uri', message: trust }] });
}

function checkNameFree(store: Store, name: string, exceptId?: string): void {
  const taken = store.data.connections.some((c) => c.id !== exceptId && c.name.toLowerCase() === name.toLowerCase());
  if (taken)
    throw new AppError('conflict', `A connection named "${name}" already exists.`, {
      issues: [{ path: 'name', message: 'this name is taken' }],
    });
}

export function findRecord(store: Store, id: string): StoredConnection {
  const record = store.data.connections.find((c) => c.id === id);
  if (!record) throw new AppError('not-found', `No connection with id ${id}.`);
  return record;
}

export async function addRecord(store: Store, input: Input): Promise<StoredConnection> {
  checkUri(input.uri);
  checkNameFree(store, input.name);
  const record: StoredConnection = {
    id: randomUUID(),
    name: input.name,
    uri: input.uri,
    ...(input.keyFile !== undefined ? { keyFile: input.keyFile } : {}),
    autoConnect: input.autoConnect,
    hasStoredSecret: false,
    readOnly: input.readOnly,
    maintenance: false,
  };
  await store.update((d) => void d.connections.push(record));
  return record;
}

export async function updateRecord(store: Store, patch: Patch): Promise<StoredConnection> {
  const current = findRecord(store, patch.id);
  if (patch.uri !== undefined) checkUri(patch.uri);
  if (patch.name !== undefined) checkNameFree(store, patch.name, patch.id);
  const next: StoredConnection = { ...current };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.uri !== undefined) next.uri = patch.uri;
  if (patch.keyFile === null) delete next.keyFile;
  else if (patch.keyFile !== undefined) next.keyFile = patch.keyFile;
  if (patch.autoConnect !== undefined) next.autoConnect = patch.autoConnect;
  if (patch.readOnly !== undefined) next.readOnly = patch.readOnly;
  if (patch.maintenance !== undefined) next.maintenance = patch.maintenance;
  await store.update((d) => {
    d.connections = d.connections.map((c) => (c.id === next.id ? next : c));
  });
  return next;
}

export async function setHasStoredSecret(store: Store, id: string, value: boolean): Promise<void> {
  await store.update((d) => {
    const c = d.connections.find((x) => x.id === id);
    if (c) c.hasStoredSecret = value;
  });
}

export async function removeRecord(store: Store, id: string): Promise<void> {
  findRecord(store, id);
  await store.update((d) => {
    d.connections = d.connections.filter((c) => c.id !== id);
  });
}
