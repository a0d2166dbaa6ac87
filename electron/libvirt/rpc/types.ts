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
  /** Sends a hole (only on a stream opened with `holes`); resolves once the transport took it. */
  sendHole(length: number | bigint): Promise<void>;
  /** Data and holes as they come (a sparse download); the plain iterator gives holes as zeros instead. One reader either way. */
  items(): AsyncIterable<StreamItem>;
  /** Settles when the stream is over: fulfils on a clean end, rejects with the server's LibvirtError or a ConnectionError. */
  readonly closed: Promise<void>;
}

/** A run of zeros in a sparse stream (STREAM_HOLE), in bytes. */
export interface StreamHole {
  hole: bigint;
}

/** What a sparse stream carries: data, or a hole. */
export type StreamItem = Uint8Array | StreamHole;

export interface OpenStreamOptions {
  /**
   * Holes may travel (the procedure's flags include SPARSE_STREAM, which the daemon requires before
   * it accepts or sends a STREAM_HOLE): enables sendHole() and items().
   */
  holes?: boolean;
}

/** A caller that can also open streams. */
export interface StreamCaller extends RpcCaller {
  openStream<A, R>(p: Procedure<A, R>, args: A, opts?: OpenStreamOptions): Promise<{ ret: R; stream: LibvirtStream }>;
}
