/**
 * Turns a REPLY packet into the procedure's result or a typed error. Pure
 * functions, so the fuzz tests can drive them without a socket.
 *
 * Policy: the frame decoder has already proved the framing sound, so a
 * payload that does not match the procedure's layout spoils only that one
 * call. It rejects with ConnectionError('protocol') (the XdrError as its
 * cause) and the connection stays up: every later frame is still found by
 * its own length word.
 */
import { ConnectionError, LibvirtError } from '../errors.js';
import type { Procedure } from '../protocol/define.js';
import { RemoteError } from '../protocol/common.js';
import { XdrError, decode } from '../xdr/index.js';
import { type Packet, Status, describeHeader } from './packet.js';

/** Builds the typed error from a decoded remote_error. */
export function toLibvirtError(e: RemoteError): LibvirtError {
  return new LibvirtError(
    e.code,
    e.domain,
    e.message ?? `libvirt error code ${e.code} (domain ${e.domain})`,
    e.level,
    e.str1,
    e.str2,
    e.str3,
    e.int1,
    e.int2,
  );
}

/** Decodes a remote_error payload (REPLY/ERROR, STREAM/ERROR). Throws ConnectionError('protocol') if it is malformed. */
export function decodeRemoteError(payload: Uint8Array, what: string, peer: string): LibvirtError {
  try {
    return toLibvirtError(decode(RemoteError, payload));
  } catch (err) {
    throw protocolError(`malformed error payload for ${what} from ${peer}`, err);
  }
}

/**
 * The result of a REPLY: the decoded ret on status OK; throws LibvirtError on
 * status ERROR, ConnectionError('protocol') on anything malformed.
 */
export function decodeReply<A, R>(p: Procedure<A, R>, packet: Packet, peer: string): R {
  const { status } = packet.header;
  if (status === Status.OK) {
    try {
      return decode(p.ret, packet.payload);
    } catch (err) {
      throw protocolError(`cannot decode the reply to ${p.name} from ${peer}`, err);
    }
  }
  if (status === Status.ERROR) throw decodeRemoteError(packet.payload, p.name, peer);
  throw new ConnectionError('protocol', `unexpected ${describeHeader(packet.header)} in reply to ${p.name} from ${peer}`);
}

export function protocolError(what: string, cause: unknown): ConnectionError {
  const detail = cause instanceof XdrError ? `: ${cause.message}` : '';
  return new ConnectionError('protocol', `${what}${detail}`, { cause });
}
