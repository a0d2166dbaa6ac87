/**
 * The renderer's upload bytes, as an async iterable for the upload core. The client's window
 * (volume-transfer.ts) bounds what can be queued; a client that ignores it is cut off rather
 * than buffered without bound. `consumed` moves when the core asks for the next chunk, that is
 * once the previous one went into the libvirt stream: that is what the acks report.
 */
export class ByteQueue implements AsyncIterable<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private queued = 0;
  private received = 0;
  private consumedBytes = 0;
  private pendingLast = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    /** Bytes the source will give in all; the iterator ends after them. */
    private readonly total: number,
    /** Most bytes queued at once before the client counts as flooding. */
    private readonly limit: number,
    private readonly onConsumed: (consumed: number) => void = () => undefined,
  ) {}

  get consumed(): number {
    return this.consumedBytes;
  }

  /** Adds bytes from the client; returns an error message when the client broke the protocol. */
  push(bytes: Uint8Array): string | null {
    if (this.failure) return null;
    if (this.received + bytes.byteLength > this.total) return `more bytes than the ${this.total} announced`;
    if (this.queued + bytes.byteLength > this.limit) return `more than ${this.limit} bytes in flight (the client ignored the window)`;
    // The transport's buffer may be reused: keep a copy.
    this.chunks.push(Uint8Array.from(bytes));
    this.queued += bytes.byteLength;
    this.received += bytes.byteLength;
    this.notify();
    return null;
  }

  /** Ends the iteration with `err` (cancel, client gone). */
  fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.chunks.length = 0;
    this.queued = 0;
    this.notify();
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: async () => {
        // The previous chunk has been written: count it.
        if (this.pendingLast > 0) {
          this.consumedBytes += this.pendingLast;
          this.pendingLast = 0;
          this.onConsumed(this.consumedBytes);
        }
        for (;;) {
          if (this.failure) throw this.failure;
          const chunk = this.chunks.shift();
          if (chunk) {
            this.queued -= chunk.byteLength;
            this.pendingLast = chunk.byteLength;
            return { done: false, value: chunk };
          }
          if (this.consumedBytes >= this.total) return { done: true, value: undefined };
          await new Promise<void>((r) => (this.wake = r));
        }
      },
    };
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}
