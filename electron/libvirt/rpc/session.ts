/**
 * An RPC session over one channel: the single choke point every call, event
 * and stream packet goes through.
 *
 * Routing is by message type first (docs/protocol/packets.md §1.5): REPLY goes to the pending
 * call with that serial, MESSAGE to a handler keyed by (program, procedure)
 * (libvirtd 9.0 sends events with serial 1, so a MESSAGE is never matched to
 * a call), STREAM to the stream registered under the serial. Anything else is
 * dropped and counted, never thrown.
 */
import { ConnectionError } from '../errors.js';
import { PROGRAM_VERSION, type Procedure } from '../protocol/define.js';
import type { OpenStreamOptions, StreamCaller } from './types.js';
import type { Channel } from '../transport/types.js';
import { encode } from '../xdr/index.js';
import { CallTable } from './calls.js';
import { FrameDecoder } from './frame-decoder.js';
import { Keepalive, type KeepaliveHost } from './keepalive.js';
import { MessageType, type Packet, type PacketHeader, encodeFrame, makeHeader } from './packet.js';
import { RpcStream, type StreamHost } from './stream.js';

export interface SessionOptions {
  /** Default reply timeout for every call, in ms. Default: none (the keepalive detects dead peers). */
  callTimeoutMs?: number;
  /** First serial to use (tests of the u32 wrap-around). Default 1. */
  firstSerial?: number;
}

export interface CallOptions {
  /** Reply timeout for this call, in ms; overrides the session default. */
  timeoutMs?: number;
}

/** Counters for benchmarks and diagnostics. */
export interface SessionStats {
  calls: number;
  packetsIn: number;
  packetsOut: number;
  bytesIn: number;
  bytesOut: number;
  /** Packets nobody was waiting for (late replies, unknown streams, unhandled messages). */
  dropped: number;
  /** Exceptions thrown by message handlers (caught; the reader goes on). */
  handlerErrors: number;
}

export type MessageHandler = (packet: Packet) => void;

export class RpcSession implements StreamCaller, KeepaliveHost, StreamHost {
  readonly peer: string;
  readonly stats: SessionStats = { calls: 0, packetsIn: 0, packetsOut: 0, bytesIn: 0, bytesOut: 0, dropped: 0, handlerErrors: 0 };
  /** Resolves (never rejects) with the reason once the session is closed. */
  readonly closed: Promise<ConnectionError>;
  readonly keepalive: Keepalive;
  lastReceivedAt = performance.now();
  private readonly calls: CallTable;
  private readonly streams = new Map<number, RpcStream>();
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  private readonly pausedBy = new Set<number>();
  private drainWaiters: Array<{ resolve(): void; reject(e: Error): void }> = [];
  private readonly decoder: FrameDecoder;
  private serial: number;
  private reason: ConnectionError | null = null;
  private resolveClosed!: (r: ConnectionError) => void;

  constructor(
    private readonly channel: Channel,
    private readonly opts: SessionOptions = {},
  ) {
    this.peer = channel.description;
    this.serial = ((opts.firstSerial ?? 1) - 1) >>> 0;
    this.decoder = new FrameDecoder(this.peer);
    this.calls = new CallTable(this.peer);
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.keepalive = new Keepalive(this);
    const s = channel.stream;
    s.on('data', this.onData);
    s.on('drain', this.onDrain);
    s.on('end', () => this.close(new ConnectionError('closed', `${this.peer} closed the connection`)));
    s.on('close', () => this.close(new ConnectionError('closed', `the connection to ${this.peer} was closed`)));
    s.on('error', (err: Error) =>
      this.close(new ConnectionError('closed', `the connection to ${this.peer} failed: ${err.message}`, { cause: err })),
    );
  }

  get isClosed(): boolean {
    return this.reason !== null;
  }

  get closeReason(): ConnectionError | null {
    return this.reason;
  }

  get inFlight(): number {
    return this.calls.size;
  }

  get readingPaused(): boolean {
    return this.pausedBy.size > 0;
  }

  call<A, R>(p: Procedure<A, R>, args: A, opts?: CallOptions): Promise<R> {
    if (p.stream !== 'none') {
      return Promise.reject(new ConnectionError('unsupported', `${p.name} opens a stream: use openStream()`));
    }
    return this.invoke(p, args, this.nextSerial(), opts);
  }

  async openStream<A, R>(p: Procedure<A, R>, args: A, opts: OpenStreamOptions = {}): Promise<{ ret: R; stream: RpcStream }> {
    if (p.stream === 'none') throw new ConnectionError('unsupported', `${p.name} does not open a stream: use call()`);
    const serial = this.nextSerial();
    const stream = new RpcStream(this, p as Procedure<unknown, unknown>, serial, opts.holes ?? false);
    // Registered before the CALL goes out, so no data packet can beat it.
    this.streams.set(serial, stream);
    try {
      const ret = await this.invoke(p, args, serial);
      stream.markOpen();
      return { ret, stream };
    } catch (err) {
      this.streams.delete(serial);
      stream.discard(err as Error);
      throw err;
    }
  }

  /** Handles MESSAGE packets of one (program, procedure); returns the unsubscriber. */
  onMessage(program: number, procedure: number, handler: MessageHandler): () => void {
    const key = `${program}:${procedure}`;
    let set = this.handlers.get(key);
    if (!set) this.handlers.set(key, (set = new Set()));
    set.add(handler);
    return () => void set.delete(handler);
  }

  /** Sends one packet; resolves once the channel accepted it (after 'drain' if its buffer was full). */
  sendPacket(h: PacketHeader, payload?: Uint8Array): Promise<void> {
    if (this.reason) return Promise.reject(this.interrupted('send'));
    let frame: Buffer;
    try {
      frame = encodeFrame(h, payload);
    } catch (err) {
      return Promise.reject(err);
    }
    this.stats.packetsOut++;
    this.stats.bytesOut += frame.length;
    if (this.channel.stream.write(frame)) return Promise.resolve();
    return new Promise((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
  }

  releaseStream(serial: number): void {
    this.streams.delete(serial);
    this.resumeReading(serial);
  }

  pauseReading(serial: number): void {
    this.pausedBy.add(serial);
    if (this.pausedBy.size === 1) this.channel.stream.pause();
  }

  resumeReading(serial: number): void {
    if (this.pausedBy.delete(serial) && this.pausedBy.size === 0 && !this.reason) this.channel.stream.resume();
  }

  /**
   * Closes the channel. Every pending call and open stream rejects at once
   * with ConnectionError('closed') naming the peer; later calls reject at once.
   */
  close(reason?: ConnectionError): void {
    if (this.reason) return;
    this.reason = reason ?? new ConnectionError('closed', `the connection to ${this.peer} was closed by the client`);
    this.keepalive.stop();
    this.channel.stream.off('data', this.onData);
    this.calls.failAll((name) => this.interrupted(name));
    for (const [, stream] of this.streams) stream.onConnectionClosed(this.interrupted(stream.name));
    this.streams.clear();
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w.reject(this.interrupted('send'));
    try {
      this.channel.close();
    } catch {
      // The channel is going away either way.
    }
    this.resolveClosed(this.reason);
  }

  private invoke<A, R>(p: Procedure<A, R>, args: A, serial: number, opts?: CallOptions): Promise<R> {
    if (this.reason) return Promise.reject(this.interrupted(p.name));
    let payload: Uint8Array;
    try {
      payload = encode(p.args, args);
    } catch (err) {
      return Promise.reject(err);
    }
    const header = makeHeader({ program: p.program, procedure: p.proc, type: MessageType.CALL, serial });
    const reply = this.calls.add(serial, p, opts?.timeoutMs ?? this.opts.callTimeoutMs);
    this.stats.calls++;
    this.sendPacket(header, payload).catch((err: Error) => this.calls.fail(serial, err));
    return reply;
  }

  private nextSerial(): number {
    do this.serial = (this.serial + 1) >>> 0;
    while (this.calls.has(this.serial) || this.streams.has(this.serial));
    return this.serial;
  }

  private readonly onData = (chunk: Buffer | string): void => {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.stats.bytesIn += buf.length;
    this.lastReceivedAt = performance.now();
    let packets: Packet[];
    try {
      packets = this.decoder.push(buf);
    } catch (err) {
      this.close(err instanceof ConnectionError ? err : new ConnectionError('protocol', String(err), { cause: err }));
      return;
    }
    for (const packet of packets) {
      if (this.reason) return;
      this.route(packet);
    }
  };

  private readonly onDrain = (): void => {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w.resolve();
  };

  private route(packet: Packet): void {
    this.stats.packetsIn++;
    const h = packet.header;
    if (h.version !== PROGRAM_VERSION) return this.drop();
    switch (h.type) {
      case MessageType.REPLY:
        return void (this.calls.complete(packet) || this.drop());
      case MessageType.MESSAGE:
        return this.dispatchMessage(packet);
      case MessageType.STREAM:
      case MessageType.STREAM_HOLE: {
        const stream = this.streams.get(h.serial);
        return stream ? stream.handlePacket(packet) : this.drop();
      }
      default:
        return this.drop();
    }
  }

  private dispatchMessage(packet: Packet): void {
    const set = this.handlers.get(`${packet.header.program}:${packet.header.procedure}`);
    if (!set || set.size === 0) return this.drop();
    for (const handler of [...set]) {
      try {
        handler(packet);
      } catch {
        this.stats.handlerErrors++;
      }
    }
  }

  private drop(): void {
    this.stats.dropped++;
  }

  private interrupted(what: string): ConnectionError {
    const r = this.reason as ConnectionError;
    return new ConnectionError('closed', `${what}: ${r.message}`, { cause: r });
  }
}
