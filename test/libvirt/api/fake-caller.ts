/**
 * A StreamCaller double for unit tests: every call's args are encoded and
 * decoded through the procedure's codecs (so layouts are exercised), and the
 * answer comes from a handler keyed by procedure name, encoded and decoded
 * through the ret codec the same way.
 */
import type { Procedure } from '../../../electron/libvirt/protocol/define.js';
import type { LibvirtStream, StreamCaller, StreamItem } from '../../../electron/libvirt/rpc/types.js';
import { decode, encode } from '../../../electron/libvirt/xdr/index.js';

export type Handler = (args: unknown, call: number) => unknown;

export interface Recorded {
  name: string;
  args: unknown;
}

/** A scripted stream: yields `incoming`, records writes, finish and abort. */
export class FakeStream implements LibvirtStream {
  written: Uint8Array[] = [];
  finished = false;
  aborted = false;
  readonly closed: Promise<void> = Promise.resolve();

  constructor(
    private readonly incoming: Uint8Array[] = [],
    private readonly failAfter = -1,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (let i = 0; i < this.incoming.length; i++) {
      if (i === this.failAfter) throw new Error('stream broke');
      yield this.incoming[i]!;
    }
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.written.push(chunk.slice());
  }

  holes: bigint[] = [];

  async sendHole(length: number | bigint): Promise<void> {
    this.holes.push(BigInt(length));
  }

  items(): AsyncIterable<StreamItem> {
    return { [Symbol.asyncIterator]: () => this[Symbol.asyncIterator]() };
  }

  async finish(): Promise<void> {
    this.finished = true;
  }

  async abort(): Promise<void> {
    this.aborted = true;
  }
}

export class FakeCaller implements StreamCaller {
  readonly calls: Recorded[] = [];
  streams: FakeStream[] = [];

  constructor(
    private readonly handlers: Record<string, Handler>,
    private readonly makeStream: () => FakeStream = () => new FakeStream(),
  ) {}

  async call<A, R>(p: Procedure<A, R>, args: A): Promise<R> {
    const wireArgs = decode(p.args, encode(p.args, args).slice());
    const n = this.calls.filter((c) => c.name === p.name).length;
    this.calls.push({ name: p.name, args: wireArgs });
    const h = this.handlers[p.name];
    if (!h) throw new Error(`unexpected call ${p.name}`);
    const ret = h(wireArgs, n) as R;
    return decode(p.ret, encode(p.ret, ret).slice());
  }

  async openStream<A, R>(p: Procedure<A, R>, args: A): Promise<{ ret: R; stream: LibvirtStream }> {
    const ret = await this.call(p, args);
    const stream = this.makeStream();
    this.streams.push(stream);
    return { ret, stream };
  }
}
