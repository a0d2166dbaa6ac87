/**
 * Errors of the libvirt client. Callers branch on codes and kinds, never on message text.
 * Numbers are libvirt's virErrorNumber / virErrorDomain values.
 */

export const ErrorCode = {
  OK: 0,
  INTERNAL_ERROR: 1,
  NO_SUPPORT: 3,
  NO_CONNECT: 5,
  INVALID_ARG: 8,
  OPERATION_FAILED: 9,
  XML_ERROR: 27,
  OPERATION_DENIED: 29,
  SYSTEM_ERROR: 38,
  RPC: 39,
  NO_DOMAIN: 42,
  NO_NETWORK: 43,
  AUTH_FAILED: 45,
  NO_STORAGE_POOL: 49,
  NO_STORAGE_VOL: 50,
  OPERATION_INVALID: 55,
  CONFIG_UNSUPPORTED: 67,
  OPERATION_TIMEOUT: 68,
  NO_DOMAIN_SNAPSHOT: 72,
  ARGUMENT_UNSUPPORTED: 74,
  NO_DOMAIN_METADATA: 80,
  OPERATION_UNSUPPORTED: 84,
  AGENT_UNRESPONSIVE: 86,
  ACCESS_DENIED: 88,
} as const;

export const ErrorDomain = {
  NONE: 0,
  RPC: 7,
  QEMU: 10,
  TEST: 12,
  STORAGE: 18,
  NETWORK: 19,
  DOMAIN: 20,
} as const;

/** An error reported by the daemon (a `remote_error` payload). */
export class LibvirtError extends Error {
  override readonly name = 'LibvirtError';
  constructor(
    readonly code: number,
    readonly domain: number,
    message: string,
    readonly level = 2,
    readonly str1: string | null = null,
    readonly str2: string | null = null,
    readonly str3: string | null = null,
    readonly int1 = -1,
    readonly int2 = -1,
  ) {
    super(message);
  }
}

/** Why a connection could not be made or was lost: never a daemon error. */
export type ConnectionErrorKind =
  | 'unreachable' // refused, no route, DNS failure, socket missing
  | 'timeout' // no answer in time
  | 'closed' // the peer went away (EOF, reset, keepalive expired)
  | 'host-key-unknown' // SSH host key not in known_hosts and not accepted
  | 'host-key-changed' // SSH host key differs from the recorded one
  | 'auth-failed' // SSH/TLS/SASL authentication refused
  | 'protocol' // malformed frame or payload from the peer
  | 'unsupported' // a URI or feature this client cannot speak
  | 'remote-command'; // the remote helper (virt-ssh-helper / nc) failed

export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  constructor(
    readonly kind: ConnectionErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const hasCode =
  (code: number) =>
  (e: unknown): e is LibvirtError =>
    e instanceof LibvirtError && e.code === code;

export const isNoDomain = hasCode(ErrorCode.NO_DOMAIN);
export const isNoNetwork = hasCode(ErrorCode.NO_NETWORK);
export const isNoStoragePool = hasCode(ErrorCode.NO_STORAGE_POOL);
export const isNoStorageVol = hasCode(ErrorCode.NO_STORAGE_VOL);
export const isNoSnapshot = hasCode(ErrorCode.NO_DOMAIN_SNAPSHOT);
export const isNoMetadata = hasCode(ErrorCode.NO_DOMAIN_METADATA);
export const isOperationInvalid = hasCode(ErrorCode.OPERATION_INVALID);
export const isNoSupport = (e: unknown): e is LibvirtError =>
  e instanceof LibvirtError && (e.code === ErrorCode.NO_SUPPORT || e.code === ErrorCode.OPERATION_UNSUPPORTED);
export const isReadOnlyDenied = hasCode(ErrorCode.OPERATION_DENIED);
export const isAuthFailed = (e: unknown): boolean =>
  (e instanceof LibvirtError && e.code === ErrorCode.AUTH_FAILED) || (e instanceof ConnectionError && e.kind === 'auth-failed');
/** "unknown procedure: N" from an older daemon: code RPC, domain RPC, the procedure in int1 is not set, so the caller knows which one it sent. */
export const isUnknownProcedure = (e: unknown): e is LibvirtError =>
  e instanceof LibvirtError &&
  e.code === ErrorCode.RPC &&
  e.domain === ErrorDomain.RPC &&
  e.str1 !== null &&
  e.str1.startsWith('unknown procedure');
export const isConnectionLost = (e: unknown): e is ConnectionError =>
  e instanceof ConnectionError && (e.kind === 'closed' || e.kind === 'timeout');
