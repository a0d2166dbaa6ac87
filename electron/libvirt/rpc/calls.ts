/**
 * The calls in flight of one session, keyed by serial: each settles exactly
 * once, by its REPLY, its timeout, a send failure or the session closing.
 */
import { ConnectionError } from '../errors.js';
import type { Procedure } from '../protocol/define.js';
import type { Packet } from './packet.js';
import { decodeReply } from './reply.js';

interface PendingCall {
  proc: Procedure<unknown, unknown>;
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout | null;
}

export class CallTable {
  private readonly pending = new Map<number, PendingCall>();

  constructor(private readonly peer: string) {}

  get size(): number {
    return this.pending.size;
  }

  has(serial: number): boolean {
    return this.pending.has(serial);
  }

  /** Registers a call before its CALL packet goes out; the promise settles with its reply. */
  add<A, R>(serial: number, p: Procedure<A, R>, timeoutMs?: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const call: PendingCall = { proc: p as Procedure<unknown, unknown>, resolve: resolve as (v: unknown) => void, reject, timer: null };
      this.pending.set(serial, call);
      if (timeoutMs !== undefined && timeoutMs > 0) {
        call.timer = setTimeout(
          () => this.settle(serial, call, new ConnectionError('timeout', `${p.name}: no reply from ${this.peer} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        call.timer.unref();
      }
    });
  }

  /** Settles the call a REPLY belongs to; false when nobody waits for it (late, unknown, wrong procedure). */
  complete(packet: Packet): boolean {
    const h = packet.header;
    const call = this.pending.get(h.serial);
    if (!call || call.proc.program !== h.program || call.proc.proc !== h.procedure) return false;
    let result: unknown;
    try {
      result = decodeReply(call.proc, packet, this.peer);
    } catch (err) {
      this.settle(h.serial, call, err as Error);
      return true;
    }
    this.settle(h.serial, call, null, result);
    return true;
  }

  /** Fails one call (its CALL could not be sent). */
  fail(serial: number, err: Error): void {
    const call = this.pending.get(serial);
    if (call) this.settle(serial, call, err);
  }

  /** Fails every call (the session closed). */
  failAll(errorFor: (procName: string) => Error): void {
    for (const [serial, call] of [...this.pending]) this.settle(serial, call, errorFor(call.proc.name));
  }

  private settle(serial: number, call: PendingCall, err: Error | null, value?: unknown): void {
    if (this.pending.get(serial) !== call) return;
    this.pending.delete(serial);
    if (call.timer) clearTimeout(call.timer);
    if (err) call.reject(err);
    else call.resolve(value);
  }
}
