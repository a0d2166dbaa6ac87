/**
 * The public surface of the pure-TypeScript libvirt client, and the only
 * module outside electron/libvirt/ may import (eslint.config.js enforces it).
 *
 *   const conn = await LibvirtConnection.open('qemu:///system');
 *   const host = await getHostname(conn);                  // typed calls take a caller
 *   const doms = await api.listAllDomains(conn);           // or through the namespace
 *   const off = await conn.onDomainLifecycle((e) => ...);  // events survive reconnects
 */
export { LibvirtClient, type ClientStats, type ConnectOptions } from './client.js';
export { LibvirtConnection, type ConnectionOptions, type ConnectionState, type StateChange } from './connection.js';
export { backoffDelay, isPermanentError, type ReconnectOptions } from './reconnect.js';
export * from './errors.js';

export { EventSubscriber } from './events/subscriber.js';
export { EVENT_KINDS } from './events/specs.js';
export type * from './events/types.js';

// Callers and streams: what the API functions are written against.
export type {
  LibvirtStream,
  OpenStreamOptions,
  RpcCaller,
  StreamCaller,
  StreamDirection,
  StreamHole,
  StreamItem,
  TimedCaller,
} from './rpc/types.js';
export { type HandshakeResult } from './rpc/handshake.js';

// Procedure descriptions, object references and shared enums.
export { PROGRAM_VERSION, Program, qemuProc, remoteProc, type Procedure } from './protocol/define.js';
export { AuthType, DrvFeature } from './protocol/connect.js';
export {
  TYPED_PARAM_STRING_OKAY,
  TypedParamType,
  paramsToRecord,
  uuidFromString,
  uuidToString,
  type Dom,
  type Iface,
  type Net,
  type NodeDev,
  type Pool,
  type Snap,
  type TypedParam,
  type TypedParamValue,
  type Vol,
} from './protocol/common.js';
export type { DomainStatsRecord } from './protocol/stats-codec.js';

// Every libvirt flag and enum (protocol/flags/*), plus the event and QEMU ones.
export * from './protocol/flags.js';
export {
  BLOCK_JOB_STATUSES,
  BLOCK_JOB_TYPES,
  DOMAIN_LIFECYCLE_DETAILS,
  DOMAIN_LIFECYCLE_EVENTS,
  DomainEventId,
  NETWORK_LIFECYCLE_EVENTS,
  NetworkEventId,
  STORAGE_POOL_LIFECYCLE_EVENTS,
  StoragePoolEventId,
  type DomainLifecycleEventName,
  type NetworkLifecycleEventName,
  type StoragePoolLifecycleEventName,
} from './protocol/events.js';
export { QemuAgentTimeout, QemuMonitorCommandFlags } from './protocol/qemu.js';

export { RpcSession, type CallOptions, type SessionOptions, type SessionStats } from './rpc/session.js';
export { StreamAbortedError } from './rpc/stream.js';
export type { KeepaliveOptions } from './rpc/keepalive.js';
export { MAX_FRAME_LENGTH, MessageType, Status } from './rpc/packet.js';

export {
  createDialer,
  parseLibvirtUri,
  resolveUnixSocketPath,
  type Channel,
  type TunnelTarget,
  type DialOptions,
  type Dialer,
  type HostKeyInfo,
  type ParsedUri,
  type TransportName,
} from './transport/index.js';
export { XdrError } from './xdr/index.js';

/** The typed API functions (api/*.ts), by name (`getHostname(conn)`) and as a namespace (`api.getHostname(conn)`). */
export * from './api/index.js';
export * as api from './api/index.js';
