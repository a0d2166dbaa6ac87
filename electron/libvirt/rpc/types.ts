/**
 * The caller and stream interfaces that the API functions are written against.
 * RpcSession, LibvirtClient and LibvirtConnection implement them; tests fake
 * them. The procedure tables in ../protocol/ describe what is sent, these say
 * who sends it.
 */
import type { Procedure } from '../protocol/define.js';

/** How a procedure uses a stream after its reply (docs/protocol/events-streams.md §7.1). */
export type StreamDirection = 'none' | 'read' | 'write' | 'both';

/** Anything that can run a procedure: the RPC session, or a reconnecting connection. */
export interface RpcCaller {
  call<A, R>(p: Procedure<A, R>, args: A): Promise<R>;
}

/** A caller whose calls can be bounded in time (RpcSession is one). */
export interface TimedCaller {
  call<A, R>(p: Procedure<A, R>, args: A, opts?: { timeoutMs?: number }): Promise<R>;
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
