/** Connections: stored host records, their live state and the host-key trust flow. */
import { z } from 'zod';
import { Connection } from '../types.js';
import { method, mutation } from './define.js';
import { id, name, ok, path, plainText, secret, uri } from './fields.js';

export const ConnectionInput = z.object({
  name,
  uri,
  keyFile: path.optional(),
  autoConnect: z.boolean().default(false),
  /** Open the connection read-only in libvirt itself, and refuse every change through it. */
  readOnly: z.boolean().default(false),
});
export type ConnectionInput = z.input<typeof ConnectionInput>;

/**
 * Not `ConnectionInput.partial()`: zod keeps the default there, so an update
 * that leaves out autoConnect would reset it to false. `keyFile: null` clears it.
 */
export const ConnectionUpdateInput = z.object({
  id,
  name: name.optional(),
  uri: uri.optional(),
  keyFile: path.nullable().optional(),
  autoConnect: z.boolean().optional(),
  /** Takes effect at the next connect (a live connection is reopened). */
  readOnly: z.boolean().optional(),
  /** In maintenance NovaCron starts nothing new on the host (hosts.setMaintenance says the same). */
  maintenance: z.boolean().optional(),
});
export type ConnectionUpdateInput = z.input<typeof ConnectionUpdateInput>;

export const ConnectInput = z.object({
  id,
  /** The key passphrase or SSH password, when the connection needs one. */
  secret: secret.optional(),
  /** Keep the secret (encrypted with the OS keychain; refused where none exists). */
  rememberSecret: z.boolean().default(false),
});

/** The local hypervisor a first run can offer to add ("This machine"), if its socket exists. */
export const LocalHost = z.object({
  /** qemu:///system for root, qemu:///session otherwise. */
  uri: z.string(),
  socket: z.string(),
  /** A connection record for this URI exists already. */
  added: z.boolean(),
});
export type LocalHost = z.infer<typeof LocalHost>;

export const connectionMethods = {
  'connections.list': method(z.object({}), z.array(Connection)),
  'connections.add': mutation(ConnectionInput, Connection),
  'connections.update': mutation(ConnectionUpdateInput, Connection),
  'connections.remove': mutation(z.object({ id }), ok),
  'connections.connect': mutation(ConnectInput, Connection),
  'connections.disconnect': mutation(z.object({ id }), Connection),
  /** Trust the host key last offered by this connection's host; the fingerprint must match what was shown. */
  'connections.trustHostKey': mutation(z.object({ id, fingerprint: plainText(200).min(8) }), ok),
  /** The local libvirt socket, when this workstation is itself a hypervisor; null otherwise. */
  'connections.localHost': method(z.object({}), LocalHost.nullable()),
  /** Adds "This machine" for the local socket (if not added yet) and connects it. */
  'connections.addLocal': mutation(z.object({}), Connection),
} as const;

export const connectionEvents = {
  /** A connection's record or state changed. */
  'connection.changed': Connection,
  'connection.removed': z.object({ id }),
} as const;

export const connectionsContract = { methods: connectionMethods, events: connectionEvents };
