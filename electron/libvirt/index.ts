/**
 * The public surface of the pure-TypeScript libvirt client.
 *
 *   const conn = await LibvirtConnection.open('qemu:///system');
 *   const host = await api.getHostname(conn);            // typed calls take a caller
 *   const off = await conn.onDomainLifecycle((e) => ...); // events survive reconnects
 */
export { LibvirtClient, type ClientStats, type ConnectOptions } from './client.js';
export { LibvirtConnection, type ConnectionOptions, type ConnectionState, type StateChange } from './connection.js';
export { backoffDelay, isPermanentError, type ReconnectOptions } from './reconnect.js';
export * from './errors.js';

export { EventSubscriber } from './events/subscriber.js';
export { EVENT_KINDS } from './events/specs.js';
export type * from './events/types.js';

export {
  PROGRAM_VERSION,
  Program,
  qemuProc,
  remoteProc,
  type LibvirtStream,
  type Procedure,
  type RpcCaller,
  type StreamCaller,
  type StreamDirection,
} from './protocol/define.js';
export { AuthType, DrvFeature, type HandshakeResult } from './protocol/handshake.js';
export { uuidFromString, uuidToString, type Dom, type Net, type Pool, type Snap, type Vol } from './protocol/common.js';

export { RpcSession, type CallOptions, type SessionOptions, type SessionStats } from './rpc/session.js';
export { StreamAbortedError } from './rpc/stream.js';
export type { KeepaliveOptions } from './rpc/keepalive.js';
export { MAX_FRAME_LENGTH, MessageType, Status } from './rpc/packet.js';

export { createDialer, parseLibvirtUri, type Channel, type DialOptions, type Dialer, type HostKeyInfo } from './transport/index.js';
export { XdrError } from './xdr/index.js';

/** The typed API functions (api/*.ts), as a namespace: `api.listAllDomains(conn, ...)`. */
export * as api from './api/index.js';
