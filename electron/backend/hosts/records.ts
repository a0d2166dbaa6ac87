/** The stored connection records: validation beyond the contract's schema, and CRUD on the store. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ConnectionInput, ConnectionUpdateInput } from '../../../shared/api.js';
import { parseLibvirtUri } from '../../libvirt/transport/uri.js';
import { AppError } from '../errors.js';
import type { StoredConnection } from '../store/schema.js';
import type { Store } from '../store/store.js';

type Input = z.output<typeof ConnectionInput>;
type Patch = z.output<typeof ConnectionUpdateInput>;

/** The contract checks the shape; the URI parser knows which URIs we can actually dial. */
function checkUri(uri: string): void {
  try {
    parseLibvirtUri(uri);
  } catch (e) {
    const message = e instanceof Error ? e.message : 'unsupported URI';
    throw new AppError('invalid-input', message, { issues: [{ path: 'uri', message }] });
  }
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
