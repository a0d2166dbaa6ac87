/**
 * One libvirt stream (docs/protocol/events-streams.md §7), living under the serial of
 * the CALL that opened it. Data in is read by async iteration; data out is
 * written in STREAM/CONTINUE packets of at most 256 KiB.
 *
 * Memory: incoming data is queued for the consumer. Past HIGH_WATER bytes
 * the session stops reading the channel (TCP backpressure reaches the
 * daemon) until the consumer drains below LOW_WATER. While paused, no other
 * reply or event is read either, so a consumer must keep iterating (or
 * abort); the keepalive treats paused time as alive, not as a dead peer.
 */
import { ConnectionError } from '../errors.js';
import type { Procedure } from '../protocol/define.js';
import type { LibvirtStream, StreamDirection, StreamHole, StreamItem } from './types.js';
import { MessageType, type Packet, type PacketHeader, STREAM_CHUNK_MAX, Status, makeHeader } from './packet.js';
import { decodeRemoteError } from './reply.js';

const HIGH_WATER = 8 * 1024 * 1024;
const LOW_WATER = 2 * 1024 * 1024;
/** The payload of a STREAM_HOLE packet (virnetprotocol.x, struct virNetStreamHole): hyper length, unsigned int flags. */
const HOLE_PAYLOAD_BYTES = 12;

/** Encodes virNetStreamHole {hyper length; unsigned int flags}. */
export function encodeHole(length: bigint, flags = 0): Buffer {
  const b = Buffer.alloc(HOLE_PAYLOAD_BYTES);
  b.writeBigInt64BE(length, 0);
  b.writeUInt32BE(flags >>> 0, 8);
  return b;
}

/** Decodes virNetStreamHole; a negative or malformed length is a protocol error. */
export function decodeHole(payload: Buffer): bigint {
  if (payload.length !== HOLE_PAYLOAD_BYTES) throw new Error(`a STREAM_HOLE payload of ${payload.length} bytes, not ${HOLE_PAYLOAD_BYTES}`);
  const length = payload.readBigInt64BE(0);
  if (length < 0n) throw new Error(`a STREAM_HOLE of negative length ${length}`);
  return length;
}

/** What a stream needs from its session. */
export interface StreamHost {
  readonly peer: string;
  sendPacket(h: PacketHeader, payload?: Uint8Array): Promise<void>;
  releaseStream(serial: number): void;
  pauseReading(serial: number): void;
  resumeReading(serial: number): void;
}

/** Thrown by the iterator of a stream that was aborted, so truncated data never looks complete. */
export class StreamAbortedError extends Error {
  override readonly name = 'StreamAbortedError';
}

type State = 'opening' | 'open' | 'finishing' | 'aborting' | 'done' | 'failed';

export class RpcStream implements LibvirtStream {
  readonly closed: Promise<void>;
  readonly name: string;
  private state: State = 'opening';
  private readonly queue: Array<Buffer | StreamHole> = [];
  private queuedBytes = 0;
  private eof = false;
  private paused = false;
  private iterating = false;
  private aborted = false;
  /** Set when the stream failed: the iterator throws it once the queue is empty. */
  private failure: Error | null = null;
  /** Why we are aborting on our own (STREAM_HOLE): closed rejects with it after the confirmation. */
  private abortReason: Error | null = null;
  private wake: (() => void) | null = null;
  private settle!: { resolve: () => void; reject: (e: Error) => void };
  private readonly program: number;
  private readonly procedure: number;
  private readonly direction: StreamDirection;
  /** Zeros still owed to a plain reader from a hole (the plain iterator expands holes, as virStreamRecv does). */
  private zerosOwed = 0n;

  constructor(
    private readonly host: StreamHost,
    p: Procedure<unknown, unknown>,
    readonly serial: number,
    /**
     * The stream was opened with a SPARSE_STREAM flag: holes may travel both ways. Without it the
     * daemon treats a hole from us as a fatal protocol error ("Unexpected stream hole", then it
     * closes the client: daemon/stream.c daemonStreamHandleHole), so sendHole() refuses, and a
     * hole from the daemon is unexpected.
     */
    readonly holes = false,
  ) {
    this.name = `${p.name} stream`;
    this.program = p.program;
    this.procedure = p.proc;
    this.direction = p.stream;
    this.closed = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    // Nobody may be watching `closed`; its failure also surfaces through the iterator and finish().
    this.closed.catch(() => {});
  }

  /** The REPLY said the stream exists. */
  markOpen(): void {
    if (this.state !== 'opening') return;
    this.state = 'open';
    // The EOF can arrive in the same chunk as the REPLY, before this runs.
    this.finishDownloadAtEof();
  }

  /** Routes a STREAM or STREAM_HOLE packet of this serial. */
  handlePacket(packet: Packet): void {
    if (this.state === 'done' || this.state === 'failed') return;
    const { type, status } = packet.header;
    if (type === MessageType.STREAM_HOLE) {
      if (this.aborted) return;
      if (!this.holes) {
        this.abortOnOurOwn(
          new ConnectionError('unsupported', `${this.name}: the daemon sent a STREAM_HOLE on a stream opened without SPARSE_STREAM`),
        );
        return;
      }
      let hole: bigint;
      try {
        hole = decodeHole(packet.payload);
      } catch (e) {
        this.abortOnOurOwn(new ConnectionError('protocol', `${this.name}: ${(e as Error).message}`));
        return;
      }
      // The daemon sends holes with status CONTINUE (daemonStreamHandleRead); zero length carries nothing.
      if (hole > 0n && !this.eof) {
        this.queue.push({ hole });
        this.notify();
      }
      return;
    }
    if (status === Status.CONTINUE) {
      // Data already queued by the daemon before it saw our abort is ignored.
      if (this.aborted) return;
      if (packet.payload.length === 0) this.markEof();
      else this.enqueue(packet.payload);
    } else if (status === Status.OK) {
      this.end(this.abortReason);
    } else if (status === Status.ERROR) {
      let err: Error;
      try {
        err = decodeRemoteError(packet.payload, this.name, this.host.peer);
      } catch (e) {
        err = e as Error;
      }
      this.end(err);
    } else {
      this.end(new ConnectionError('protocol', `${this.name}: unknown stream status ${status} from ${this.host.peer}`));
    }
  }

  /** The connection died under the stream. */
  onConnectionClosed(err: ConnectionError): void {
    this.end(err);
  }

  /** The opening CALL failed; there never was a stream. */
  discard(err: Error): void {
    this.state = 'failed';
    this.failure = err;
    this.settle.reject(err);
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.state !== 'open') {
      throw this.failure ?? new Error(`cannot write to the ${this.name}: it is ${this.state}`);
    }
    for (let off = 0; off < chunk.byteLength; off += STREAM_CHUNK_MAX) {
      await this.host.sendPacket(this.header(Status.CONTINUE), chunk.subarray(off, off + STREAM_CHUNK_MAX));
    }
  }

  /**
   * Sends a hole of `length` bytes (STREAM_HOLE, status CONTINUE, payload virNetStreamHole, as
   * virNetClientStreamSendHole does). Only on a stream opened with holes (see the constructor).
   */
  async sendHole(length: number | bigint): Promise<void> {
    if (!this.holes) throw new Error(`cannot send a hole on the ${this.name}: it was not opened as a sparse stream`);
    if (this.state !== 'open') {
      throw this.failure ?? new Error(`cannot write to the ${this.name}: it is ${this.state}`);
    }
    const n = BigInt(length);
    if (n < 0n || n > 0x7fffffffffffffffn) throw new RangeError(`a hole of ${n} bytes is out of range`);
    if (n === 0n) return;
    await this.host.sendPacket(
      makeHeader({
        program: this.program,
        procedure: this.procedure,
        type: MessageType.STREAM_HOLE,
        serial: this.serial,
        status: Status.CONTINUE,
      }),
      encodeHole(n),
    );
  }

  async finish(): Promise<void> {
    if (this.state === 'open') {
      this.state = 'finishing';
      // A failed send means the session is closing: `closed` then rejects with the reason.
      await this.host.sendPacket(this.header(Status.OK)).catch(() => {});
    }
    return this.closed;
  }

  async abort(): Promise<void> {
    if (this.state === 'failed') return;
    // Locally the data is discarded whatever the protocol state: the reader
    // gets StreamAbortedError, never a truncated stream that looks whole.
    this.aborted = true;
    this.dropQueue();
    this.notify();
    if (this.state === 'done') return;
    // After EOF our finish is already on its way: nothing left to abort on the server.
    if (this.state === 'finishing' && this.eof) return this.closed;
    if (this.state !== 'aborting') {
      this.state = 'aborting';
      await this.host.sendPacket(this.header(Status.ERROR)).catch(() => {});
    }
    return this.closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.reader(async () => {
      // A plain reader gets a hole as zeros (what virStreamRecv gives without STOP_AT_HOLE), in bounded chunks.
      for (;;) {
        if (this.zerosOwed > 0n) {
          const n = this.zerosOwed > BigInt(STREAM_CHUNK_MAX) ? STREAM_CHUNK_MAX : Number(this.zerosOwed);
          this.zerosOwed -= BigInt(n);
          // A fresh buffer each time: a consumer may keep or change what it was given.
          return { done: false, value: new Uint8Array(n) };
        }
        const r = await this.next();
        if (r.done || r.value instanceof Uint8Array) return r as IteratorResult<Uint8Array>;
        this.zerosOwed = r.value.hole;
      }
    });
  }

  /** Data and holes as they come (a sparse download): holes as `{hole: bytes}`, never expanded. */
  items(): AsyncIterable<StreamItem> {
    return { [Symbol.asyncIterator]: () => this.reader(() => this.next()) };
  }

  private reader<T>(next: () => Promise<IteratorResult<T>>): AsyncIterator<T> {
    if (this.iterating) throw new Error(`the ${this.name} has a reader already`);
    this.iterating = true;
    return {
      next,
      return: async () => {
        // The consumer left early: nobody will read the rest, so stop the server sending it.
        if (!this.eof && (this.state === 'open' || this.state === 'finishing')) this.abort().catch(() => {});
        this.dropQueue();
        return { done: true, value: undefined };
      },
    };
  }

  private async next(): Promise<IteratorResult<StreamItem>> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk && !(chunk instanceof Uint8Array)) return { done: false, value: chunk };
      if (chunk) {
        this.queuedBytes -= chunk.length;
        if (this.paused && this.queuedBytes < LOW_WATER) {
          this.paused = false;
          this.host.resumeReading(this.serial);
        }
        return { done: false, value: chunk };
      }
      if (this.failure) throw this.failure;
      if (this.aborted) throw new StreamAbortedError(`the ${this.name} was aborted`);
      if (this.eof || this.state === 'done') return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private enqueue(data: Buffer): void {
    if (this.eof) return;
    this.queue.push(data);
    this.queuedBytes += data.length;
    if (!this.paused && this.queuedBytes > HIGH_WATER) {
      this.paused = true;
      this.host.pauseReading(this.serial);
    }
    this.notify();
  }

  private markEof(): void {
    this.eof = true;
    this.notify();
    this.finishDownloadAtEof();
  }

  /**
   * A download has nothing left to say after EOF: finish at once (as
   * virStreamFinish would), so the daemon frees the stream even if the
   * caller never calls finish(). The data queued stays readable.
   */
  private finishDownloadAtEof(): void {
    if (this.eof && this.direction === 'read' && this.state === 'open') this.finish().catch(() => {});
  }

  /** STREAM_HOLE arrived: fail locally, and abort so the daemon stops sending. */
  private abortOnOurOwn(reason: Error): void {
    this.abortReason = reason;
    this.failure = reason;
    this.abort().catch(() => {});
  }

  /** Terminal: the server confirmed (err null), failed, or the connection died. */
  private end(err: Error | null): void {
    if (this.state === 'done' || this.state === 'failed') return;
    this.state = err ? 'failed' : 'done';
    if (err) this.failure = err;
    this.host.releaseStream(this.serial);
    this.paused = false;
    if (err) this.settle.reject(err);
    else this.settle.resolve();
    this.notify();
  }

  private dropQueue(): void {
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.zerosOwed = 0n;
    if (this.paused) {
      this.paused = false;
      this.host.resumeReading(this.serial);
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private header(status: number): PacketHeader {
    return makeHeader({ program: this.program, procedure: this.procedure, type: MessageType.STREAM, serial: this.serial, status });
  }
}
