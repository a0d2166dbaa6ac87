import type { Codec } from '../xdr/index.js';
import { voidCodec } from '../xdr/index.js';

/** libvirt RPC program numbers (all at version 1). */
export const Program = {
  REMOTE: 0x20008086,
  QEMU: 0x20008087,
  LXC: 0x00068000,
  KEEPALIVE: 0x6b656570,
} as const;

export const PROGRAM_VERSION = 1;

/** How a procedure uses a stream after its reply. */
export type StreamDirection = 'none' | 'read' | 'write' | 'both';

/**
 * One remote procedure, as data: its number, its argument and return layouts.
 * No logic lives here; the RPC session sends `args` and decodes `ret`.
 */
export interface Procedure<A, R> {
  readonly name: string;
  readonly program: number;
  readonly proc: number;
  readonly args: Codec<A>;
  readonly ret: Codec<R>;
  readonly stream: StreamDirection;
}

export function remoteProc<A = void, R = void>(
  name: string,
  proc: number,
  args: Codec<A> = voidCodec as Codec<A>,
  ret: Codec<R> = voidCodec as Codec<R>,
  stream: StreamDirection = 'none',
): Procedure<A, R> {
  return { name, program: Program.REMOTE, proc, args, ret, stream };
}

export function qemuProc<A = void, R = void>(
  name: string,
  proc: number,
  args: Codec<A> = voidCodec as Codec<A>,
  ret: Codec<R> = voidCodec as Codec<R>,
): Procedure<A, R> {
  return { name, program: Program.QEMU, proc, args, ret, stream: 'none' };
}

/** Anything that can run a procedure: the RPC session, or a reconnecting connection. */
export interface RpcCaller {
  call<A, R>(p: Procedure<A, R>, args: A): Promise<R>;
}

/**
 * A libvirt stream (console, volume upload/download, screenshot), opened by a
 * procedure whose `stream` is not 'none'. Data in is read by iterating it.
 */
export interface LibvirtStream extends AsyncIterable<Uint8Array> {
  /** Sends one chunk (STREAM/CONTINUE); resolves once the transport took it (backpressure). */
  write(chunk: Uint8Array): Promise<void>;
  /** Client-side finish (STREAM/OK) after the last write, or after reading to EOF; waits for the server's confirmation. */
  finish(): Promise<void>;
  /** Aborts (STREAM/ERROR, empty); waits for the server's confirmation. */
  abort(): Promise<void>;
  /** Settles when the stream is over: fulfils on a clean end, rejects with the server's LibvirtError or a ConnectionError. */
  readonly closed: Promise<void>;
}

/** A caller that can also open streams. */
export interface StreamCaller extends RpcCaller {
  openStream<A, R>(p: Procedure<A, R>, args: A): Promise<{ ret: R; stream: LibvirtStream }>;
}
