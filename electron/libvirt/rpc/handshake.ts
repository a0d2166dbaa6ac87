/**
 * The connection handshake, in the order libvirt's own client uses
 * (docs/protocol/connection.md §3.1, checked live on 9.0):
 *   AUTH_LIST (mandatory first on polkit sockets, even for root)
 *   -> AUTH_POLKIT when that is the listed type (SASL: not supported)
 *   -> CONNECT_SUPPORTS_FEATURE(VIR_DRV_FEATURE_PROGRAM_KEEPALIVE) (only that
 *      feature answers before the open; a yes starts the server's pings, so
 *      the caller must answer them from now on)
 *   -> CONNECT_OPEN(name, flags)
 *   -> CONNECT_SUPPORTS_FEATURE REMOTE_EVENT_CALLBACK and REMOTE_CLOSE_CALLBACK.
 * The procedures themselves are data in ../protocol/connect.ts.
 */
import { ConnectionError, ErrorCode, LibvirtError, isNoSupport } from '../errors.js';
import {
  AUTH_LIST,
  AUTH_POLKIT,
  AuthType,
  CONNECT_OPEN,
  CONNECT_OPEN_READ_ONLY,
  CONNECT_SUPPORTS_FEATURE,
  DrvFeature,
} from '../protocol/connect.js';
import type { Procedure } from '../protocol/define.js';
import type { TimedCaller } from './types.js';

export interface HandshakeOptions {
  /** The CONNECT_OPEN name: the URI without transport and host; "" lets the daemon probe. */
  name: string;
  readOnly?: boolean;
  /** The URI's `auth=` parameter ("polkit", "sasl", "sasl.PLAIN", "none"), if any. */
  auth?: string;
  /** Called as soon as the server agreed to keepalive, before CONNECT_OPEN. */
  onKeepaliveAgreed?: () => void;
  /** Bound on each handshake call, in ms. */
  callTimeoutMs?: number;
}

export interface HandshakeResult {
  authType: number;
  keepalive: boolean;
  /** Feature 14: the callback event API (REGISTER_ANY with callback IDs) works. */
  eventCallbacks: boolean;
  /** Feature 15: CONNECT_REGISTER_CLOSE_CALLBACK works. */
  closeCallbacks: boolean;
}

type TimedCall = <A, R>(p: Procedure<A, R>, args: A) => Promise<R>;

/**
 * Runs the handshake on a fresh session. Rejects with ConnectionError
 * ('auth-failed', 'unsupported', 'closed', 'timeout') or LibvirtError (e.g.
 * CONNECT_OPEN refused: no such driver).
 */
export async function performHandshake(caller: TimedCaller, opts: HandshakeOptions): Promise<HandshakeResult> {
  const call: TimedCall = (p, args) => caller.call(p, args, { timeoutMs: opts.callTimeoutMs });
  try {
    return await runHandshake(call, opts);
  } catch (err) {
    if (err instanceof LibvirtError && err.code === ErrorCode.AUTH_FAILED) {
      throw new ConnectionError('auth-failed', err.message, { cause: err });
    }
    throw err;
  }
}

async function runHandshake(call: TimedCall, opts: HandshakeOptions): Promise<HandshakeResult> {
  const authType = await authenticate(call, opts.auth);

  const keepalive = (await call(CONNECT_SUPPORTS_FEATURE, { feature: DrvFeature.PROGRAM_KEEPALIVE })).supported;
  if (keepalive) opts.onKeepaliveAgreed?.();

  await call(CONNECT_OPEN, { name: opts.name, flags: opts.readOnly ? CONNECT_OPEN_READ_ONLY : 0 });

  const [eventCallbacks, closeCallbacks] = await Promise.all([
    supports(call, DrvFeature.REMOTE_EVENT_CALLBACK),
    supports(call, DrvFeature.REMOTE_CLOSE_CALLBACK),
  ]);
  return { authType, keepalive, eventCallbacks, closeCallbacks };
}

async function supports(call: TimedCall, feature: number): Promise<boolean> {
  try {
    return (await call(CONNECT_SUPPORTS_FEATURE, { feature })).supported;
  } catch (err) {
    if (err instanceof LibvirtError) return false;
    throw err;
  }
}

async function authenticate(call: TimedCall, wanted: string | undefined): Promise<number> {
  let types: number[];
  try {
    types = (await call(AUTH_LIST, undefined)).types;
  } catch (err) {
    // Daemons older than the auth API have no AUTH_LIST: no authentication then.
    if (isNoSupport(err)) types = [AuthType.NONE];
    else throw err;
  }
  const type = chooseAuthType(types, wanted);
  switch (type) {
    case AuthType.NONE:
      return type;
    case AuthType.POLKIT:
      await authPolkit(call);
      return type;
    case AuthType.SASL:
      throw new ConnectionError('unsupported', 'SASL authentication is not supported yet');
    default:
      throw new ConnectionError('unsupported', `unknown authentication type ${type} offered by the server`);
  }
}

/** The server lists one type; an `auth=` URI parameter may insist on a specific one. */
export function chooseAuthType(types: number[], wanted: string | undefined): number {
  if (types.length === 0) return AuthType.NONE;
  if (wanted === undefined || wanted === '') return types[0] as number;
  const base = wanted.split('.')[0]?.toLowerCase();
  const code = base === 'none' ? AuthType.NONE : base === 'polkit' ? AuthType.POLKIT : base === 'sasl' ? AuthType.SASL : undefined;
  if (code === undefined) throw new ConnectionError('unsupported', `unknown auth= type "${wanted}"`);
  if (!types.includes(code)) {
    throw new ConnectionError(
      'auth-failed',
      `the server does not offer the requested authentication "${wanted}" (offers ${types.join(', ')})`,
    );
  }
  return code;
}

async function authPolkit(call: TimedCall): Promise<void> {
  let complete: boolean;
  try {
    complete = (await call(AUTH_POLKIT, undefined)).complete;
  } catch (err) {
    if (err instanceof LibvirtError) {
      throw new ConnectionError('auth-failed', `polkit authentication failed: ${err.message}`, { cause: err });
    }
    throw err;
  }
  if (!complete) throw new ConnectionError('auth-failed', 'polkit authentication did not complete');
}
