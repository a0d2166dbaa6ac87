/**
 * The one place where anything thrown inside the backend becomes the contract's
 * AppErrorShape. Services throw AppError for expected failures; libvirt-layer
 * errors are mapped by kind and code (never by message text); everything else
 * is "internal" with a generic message, the detail going to the log only.
 */
import type { AppErrorShape, ErrorCode, HostKey } from '../../shared/types.js';
import { ConnectionError, ErrorCode as VirErr, LibvirtError, type ConnectionErrorKind } from '../libvirt/index.js';
import type { Logger } from './log.js';

type Extra = Omit<AppErrorShape, 'code' | 'message'>;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Extra = {},
  ) {
    super(message);
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

const CONNECTION_KIND_CODES: Record<ConnectionErrorKind, ErrorCode> = {
  unreachable: 'unreachable',
  timeout: 'timeout',
  closed: 'not-connected',
  'host-key-unknown': 'host-key-unknown',
  'host-key-changed': 'host-key-changed',
  'auth-failed': 'auth-failed',
  // A malformed reply is the peer's fault, not ours, but nothing the user can act on either.
  protocol: 'libvirt',
  unsupported: 'unsupported',
  // The remote helper (virt-ssh-helper, nc) failed: from the user's side the hypervisor cannot be reached.
  'remote-command': 'unreachable',
};

const NOT_FOUND_CODES: ReadonlySet<number> = new Set([
  VirErr.NO_DOMAIN,
  VirErr.NO_NETWORK,
  VirErr.NO_STORAGE_POOL,
  VirErr.NO_STORAGE_VOL,
  VirErr.NO_DOMAIN_SNAPSHOT,
]);

function libvirtCode(e: LibvirtError): ErrorCode {
  if (NOT_FOUND_CODES.has(e.code)) return 'not-found';
  if (e.code === VirErr.OPERATION_INVALID) return 'operation-invalid';
  if (e.code === VirErr.AUTH_FAILED) return 'auth-failed';
  if (e.code === VirErr.OPERATION_TIMEOUT) return 'timeout';
  if (e.code === VirErr.NO_SUPPORT || e.code === VirErr.OPERATION_UNSUPPORTED) return 'unsupported';
  return 'libvirt';
}

/** Maps a libvirt-layer error; `hostKey` is the key the host offered, when the failure is about it. */
export function fromLibvirtLayer(err: unknown, hostKey?: HostKey): AppError | undefined {
  if (err instanceof ConnectionError) {
    const code = CONNECTION_KIND_CODES[err.kind];
    const extra: Extra = code === 'host-key-unknown' && hostKey ? { hostKey } : {};
    return new AppError(code, err.message, extra);
  }
  if (err instanceof LibvirtError) {
    return new AppError(libvirtCode(err), err.message, { libvirt: { code: err.code, domain: err.domain } });
  }
  return undefined;
}

let incidents = 0;

/** Any thrown value to the shape the client sees. Unexpected errors are logged with their stack and reported generically. */
export function toAppErrorShape(err: unknown, log: Logger, context: string): AppErrorShape {
  if (err instanceof AppError) return err.toShape();
  const mapped = fromLibvirtLayer(err);
  if (mapped) return mapped.toShape();
  // A reference number lets a user's report be matched to the log line without leaking the detail.
  const ref = `E${Date.now().toString(36)}${(++incidents).toString(36)}`;
  log.error(`${context}: unexpected error ${ref}`, err);
  return { code: 'internal', message: `An unexpected error occurred (reference ${ref}); the details are in the log.` };
}
