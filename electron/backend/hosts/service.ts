/**
 * The connections service: stored records plus, for each one asked to
 * connect, a live HostSession. Every change of a record or its state is
 * pushed as `connection.changed`.
 */
import type { z } from 'zod';
import type { ConnectInput, ConnectionInput, ConnectionUpdateInput } from '../../../shared/api.js';
import type { LocalHost } from '../../../shared/api.js';
import type { Connection } from '../../../shared/types.js';
import type { SecretStore } from '../credentials/secret-store.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { HostKeyGate } from './host-keys.js';
import { addRecord, findRecord, foreignTrustProblem, removeRecord, setHasStoredSecret, updateRecord } from './records.js';
import { findLocalSocket, LOCAL_CONNECTION_NAME } from './local.js';
import type { HostPublisher } from './registry.js';
import { HostSession, type LinkEvent } from './session.js';

export interface ConnectionsDeps {
  store: Store;
  secrets: SecretStore;
  bus: EventBus;
  log: Logger;
  knownHostsFile: string;
  /** Where live clients are announced to the other services. */
  hosts: HostPublisher;
  /** How long one dial may take (the SSH transport's default otherwise). */
  connectTimeoutMs?: number;
}

export type ConnectionsService = ReturnType<typeof createConnectionsService>;

export function createConnectionsService(deps: ConnectionsDeps) {
  const { store, secrets, bus, log } = deps;
  const sessions = new Map<string, HostSession>();
  const pending = new Map<string, Promise<void>>();
  const gate = new HostKeyGate();

  function view(id: string): Connection {
    const r = findRecord(store, id);
    const s = sessions.get(id);
    return {
      id: r.id,
      name: r.name,
      uri: r.uri,
      ...(r.keyFile !== undefined ? { keyFile: r.keyFile } : {}),
      autoConnect: r.autoConnect,
      hasStoredSecret: r.hasStoredSecret,
      readOnly: r.readOnly,
      maintenance: r.maintenance,
      state: s?.state ?? 'disconnected',
      ...(s?.lastError ? { lastError: s.lastError } : {}),
      ...(s?.hostname !== undefined ? { hostname: s.hostname } : {}),
      ...(s?.libvirtVersion !== undefined ? { libvirtVersion: s.libvirtVersion } : {}),
    };
  }

  function changed(id: string): void {
    if (store.data.connections.some((c) => c.id === id)) bus.emit('connection.changed', view(id));
  }

  function link(e: LinkEvent): void {
    if (e.type === 'up') deps.hosts.connected(e.id, e.conn, e.reconnected);
    else deps.hosts.lost(e.id);
  }

  async function closeSession(id: string): Promise<void> {
    const s = sessions.get(id);
    sessions.delete(id);
    await s?.close();
  }

  async function open(id: string, secret: string | undefined): Promise<void> {
    const record = findRecord(store, id);
    // Records stored before known_hosts= was refused at add/update time are refused here.
    const trust = foreignTrustProblem(record.uri);
    if (trust !== null) throw new AppError('unsupported', trust);
    await closeSession(id); // a failed or given-up session is replaced, never reused
    const session = new HostSession(id, { changed: () => changed(id), link, log });
    sessions.set(id, session);
    const password = secret === undefined ? undefined : async () => secret;
    await session.open(
      record.uri,
      {
        ...(record.keyFile !== undefined ? { keyFile: record.keyFile } : {}),
        ...(secret !== undefined ? { passphrase: secret, password } : {}),
        knownHostsFile: deps.knownHostsFile,
        readOnly: record.readOnly,
        acceptHostKey: gate.callbackFor(id),
        ...(deps.connectTimeoutMs !== undefined ? { timeoutMs: deps.connectTimeoutMs } : {}),
      },
      () => gate.offered(id),
    );
  }

  /** Reconnects a live session with the record's current settings (its secret is not kept, so only stored or none). */
  async function reopen(id: string): Promise<void> {
    const live = sessions.get(id);
    if (!live || live.state === 'disconnected' || live.state === 'failed') return;
    await closeSession(id);
    await connect({ id, rememberSecret: false }).catch((e: unknown) =>
      log.warn(`reopening connection ${id} after a read-only change failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  /** "This machine", unless a record already has that name for another URI. */
  function freeLocalName(uri: string): string {
    const taken = (n: string) => store.data.connections.some((c) => c.name === n);
    return taken(LOCAL_CONNECTION_NAME) ? `${LOCAL_CONNECTION_NAME} (${uri})` : LOCAL_CONNECTION_NAME;
  }

  async function connect(input: z.output<typeof ConnectInput>): Promise<Connection> {
    const record = findRecord(store, input.id);
    if (input.rememberSecret && !secrets.available) {
      throw new AppError(
        'unsupported',
        'This console cannot store secrets (no OS keychain is available here); connect without remembering the secret.',
      );
    }
    const inFlight = pending.get(input.id);
    if (inFlight) {
      await inFlight;
      return view(input.id);
    }
    const live = sessions.get(input.id);
    if (live && (live.state === 'connected' || live.state === 'lost' || live.state === 'reconnecting')) return view(input.id);
    // Registered before the first await, so a second connect of the same record joins this one.
    const attempt = (async () => {
      const secret = input.secret ?? (record.hasStoredSecret ? ((await secrets.load(input.id)) ?? undefined) : undefined);
      await open(input.id, secret);
      if (input.rememberSecret && input.secret !== undefined) {
        await secrets.save(input.id, input.secret);
        await setHasStoredSecret(store, input.id, true);
        changed(input.id);
      }
    })();
    pending.set(input.id, attempt);
    try {
      await attempt;
    } finally {
      pending.delete(input.id);
    }
    return view(input.id);
  }

  return {
    list: (): Connection[] => store.data.connections.map((c) => view(c.id)),

    async add(input: z.output<typeof ConnectionInput>): Promise<Connection> {
      const r = await addRecord(store, input);
      changed(r.id);
      return view(r.id);
    },

    /**
     * Changing the URI or key file of a live connection closes it: its state would describe the old target.
     * Changing read-only reopens a live one, so libvirt's own access matches the flag at once.
     */
    async update(patch: z.output<typeof ConnectionUpdateInput>): Promise<Connection> {
      const before = findRecord(store, patch.id);
      const after = await updateRecord(store, patch);
      if (before.uri !== after.uri || before.keyFile !== after.keyFile) {
        gate.forget(patch.id);
        await closeSession(patch.id);
      } else if (before.readOnly !== after.readOnly) {
        await reopen(patch.id);
      }
      changed(patch.id);
      return view(patch.id);
    },

    async remove(id: string): Promise<{ ok: true }> {
      findRecord(store, id);
      await closeSession(id);
      gate.forget(id);
      await secrets.remove(id);
      await removeRecord(store, id);
      bus.emit('connection.removed', { id });
      return { ok: true };
    },

    connect,

    async disconnect(id: string): Promise<Connection> {
      findRecord(store, id);
      await closeSession(id);
      changed(id);
      return view(id);
    },

    trustHostKey(id: string, fingerprint: string): { ok: true } {
      findRecord(store, id);
      gate.trust(id, fingerprint);
      return { ok: true };
    },

    /** The local hypervisor's socket, if this workstation has one, and whether it was added already. */
    localHost(): LocalHost | null {
      const local = findLocalSocket();
      if (!local) return null;
      return { ...local, added: store.data.connections.some((c) => c.uri === local.uri) };
    },

    /** The one-click first run: adds "This machine" (unless a record for its URI exists) and connects it. */
    async addLocal(): Promise<Connection> {
      const local = findLocalSocket();
      if (!local)
        throw new AppError('not-found', 'This machine has no libvirt daemon socket: libvirtd (or virtqemud) is not running here.');
      const existing = store.data.connections.find((c) => c.uri === local.uri);
      const id =
        existing?.id ?? (await addRecord(store, { name: freeLocalName(local.uri), uri: local.uri, autoConnect: true, readOnly: false })).id;
      if (!existing) changed(id);
      return connect({ id, rememberSecret: false });
    },

    /** Starts the connects of records marked autoConnect, in the background; failures show in their state. */
    autoConnect(): void {
      for (const r of store.data.connections.filter((c) => c.autoConnect)) {
        connect({ id: r.id, rememberSecret: false }).catch((e: unknown) =>
          log.warn(`auto-connect of "${r.name}" failed: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
    },

    async close(): Promise<void> {
      await Promise.all([...sessions.keys()].map((id) => closeSession(id)));
    },
  };
}
