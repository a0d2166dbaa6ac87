/**
 * Domain types shared by the backend and the renderer. Plain JSON: no bigint,
 * no Date, so the same values cross Electron IPC and the headless WebSocket.
 */
import { z } from 'zod';

export const ConnectionState = z.enum([
  'disconnected', // not asked to connect
  'connecting', // first attempt in progress
  'connected',
  'lost', // the link dropped; a reconnect is about to start
  'reconnecting', // backing off between attempts
  'failed', // stopped trying: the last error says why
]);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** Error codes the contract promises; the renderer branches on these, never on text. */
export const ErrorCode = z.enum([
  'invalid-input',
  'not-found',
  'conflict',
  'not-connected',
  'host-key-unknown',
  'host-key-changed',
  'auth-failed',
  'unreachable',
  'timeout',
  'operation-invalid', // e.g. "domain is not running"
  'unsupported',
  'libvirt', // any other daemon error; details carry libvirt's code and domain
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** An SSH host key the user is asked to trust. */
export const HostKey = z.object({
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
});
export type HostKey = z.infer<typeof HostKey>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  hostKey: HostKey.optional(),
  libvirt: z.object({ code: z.number().int(), domain: z.number().int() }).optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

/** Something the user should know about since startup, e.g. a settings file that had to be set aside. */
export const StartupWarning = z.object({
  code: z.enum(['store-unreadable']),
  message: z.string(),
  /** The file involved, e.g. where the unreadable settings were moved. */
  file: z.string().optional(),
});
export type StartupWarning = z.infer<typeof StartupWarning>;

export const Connection = z.object({
  id: z.string(),
  name: z.string(),
  /** A libvirt URI: qemu:///system, qemu+ssh://user@host:port/system, test+unix:///path.xml, ... */
  uri: z.string(),
  /** SSH private key file, for +ssh URIs. */
  keyFile: z.string().optional(),
  autoConnect: z.boolean(),
  /** A secret (key passphrase or password) is stored encrypted for this connection. */
  hasStoredSecret: z.boolean(),
  /** Opened read-only in libvirt; NovaCron refuses every change through it (the UI hides them). */
  readOnly: z.boolean(),
  /** In maintenance: NovaCron starts nothing new there (start, create, migrate to it). */
  maintenance: z.boolean().default(false),
  state: ConnectionState,
  lastError: AppErrorShape.optional(),
  /** Known once connected. */
  hostname: z.string().optional(),
  libvirtVersion: z.string().optional(),
});
export type Connection = z.infer<typeof Connection>;

export const VmState = z.enum([
  'nostate',
  'running',
  'blocked',
  'paused',
  'shutdown', // shutting down
  'shutoff',
  'crashed',
  'pmsuspended',
]);
export type VmState = z.infer<typeof VmState>;

export const Vm = z.object({
  connectionId: z.string(),
  uuid: z.string(),
  name: z.string(),
  /** libvirt's numeric id, -1 when not running. */
  id: z.number().int(),
  state: VmState,
  vcpus: z.number().int(),
  memoryKiB: z.number(),
  maxMemoryKiB: z.number(),
  persistent: z.boolean(),
  autostart: z.boolean(),
});
export type Vm = z.infer<typeof Vm>;

export const VmAction = z.enum(['start', 'shutdown', 'reboot', 'reset', 'destroy', 'suspend', 'resume']);
export type VmAction = z.infer<typeof VmAction>;
