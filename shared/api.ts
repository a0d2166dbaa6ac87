/**
 * The contract between the backend and the renderer: every method with its
 * zod input and output, and every pushed event. Both transports (Electron IPC
 * and the headless WebSocket) carry exactly this.
 */
import { z } from 'zod';
import { AppErrorShape, Connection, HostKey, StartupWarning, Vm, VmAction } from './types.js';

const id = z.string().min(1).max(64);
const name = z.string().trim().min(1, 'a name is required').max(120);
const uri = z
  .string()
  .trim()
  .min(1, 'a URI is required')
  .max(2048)
  .regex(/^[a-z][a-z0-9]*(\+[a-z0-9]+)?:\/\//, 'expected a libvirt URI such as qemu+ssh://user@host/system');
const path = z.string().trim().min(1).max(4096);
const secret = z.string().max(4096);
/** libvirt UUIDs: any 8-4-4-4-12 hex string (the test driver's need not be RFC 4122). */
const uuid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'not a UUID');

export const ConnectionInput = z.object({
  name,
  uri,
  keyFile: path.optional(),
  autoConnect: z.boolean().default(false),
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
});
export type ConnectionUpdateInput = z.input<typeof ConnectionUpdateInput>;

export const ConnectInput = z.object({
  id,
  /** The key passphrase or SSH password, when the connection needs one. */
  secret: secret.optional(),
  /** Keep the secret (encrypted with the OS keychain; refused where none exists). */
  rememberSecret: z.boolean().default(false),
});

const ok = z.object({ ok: z.literal(true) });

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const methods = {
  'app.info': method(
    z.object({}),
    z.object({
      version: z.string(),
      shell: z.enum(['electron', 'headless']),
      dataDir: z.string(),
      secretStorage: z.boolean(),
      /** Problems found at startup (e.g. an unreadable settings file kept aside); shown once by the UI. */
      warnings: z.array(StartupWarning),
    }),
  ),
  'connections.list': method(z.object({}), z.array(Connection)),
  'connections.add': method(ConnectionInput, Connection),
  'connections.update': method(ConnectionUpdateInput, Connection),
  'connections.remove': method(z.object({ id }), ok),
  'connections.connect': method(ConnectInput, Connection),
  'connections.disconnect': method(z.object({ id }), Connection),
  /** Trust the host key last offered by this connection's host; the fingerprint must match what was shown. */
  'connections.trustHostKey': method(z.object({ id, fingerprint: z.string().min(8).max(200) }), ok),
  'vms.list': method(z.object({ connectionId: id.optional() }), z.array(Vm)),
  'vms.get': method(z.object({ connectionId: id, uuid }), Vm),
  'vms.act': method(z.object({ connectionId: id, uuid, action: VmAction }), Vm),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const events = {
  /** A connection's record or state changed. */
  'connection.changed': Connection,
  'connection.removed': z.object({ id }),
  /** A VM appeared or changed (from a libvirt event or a refresh). */
  'vm.changed': Vm,
  'vm.removed': z.object({ connectionId: id, uuid }),
  /** The whole VM list of a connection should be re-read (after a reconnect). */
  'vms.invalidated': z.object({ connectionId: id }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** What every transport answers for a call. */
export type CallResult<M extends MethodName> = { ok: true; value: MethodOutput<M> } | { ok: false; error: AppErrorShape };

export { AppErrorShape, HostKey };

// The IPC channel names live in ipc.ts (zod-free, for the sandboxed preload).
export { IPC_EVENT, IPC_INVOKE, IPC_PREFIX } from './ipc.js';
