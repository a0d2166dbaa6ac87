/**
 * The keepalive program (virkeepaliveprotocol.x): PING and PONG, both
 * MESSAGE packets with serial 0 and no payload.
 *
 * Answering PINGs is always on: once we asked for feature 10 the daemon
 * drops us after 5 unanswered pings (30 s). Sending our own PINGs is what
 * detects a dead server (a half-open TCP or SSH link never signals EOF).
 */
import { ConnectionError } from '../errors.js';
import { Program } from '../protocol/define.js';
import { MessageType, type PacketHeader, makeHeader } from './packet.js';

export const KeepaliveProc = { PING: 1, PONG: 2 } as const;

export interface KeepaliveOptions {
  /** Idle time before a PING is sent (default 5000 ms). */
  intervalMs?: number;
  /** Unanswered PINGs tolerated before the peer is declared dead (default 5). */
  count?: number;
}

/** What the keepalive needs from the session. */
export interface KeepaliveHost {
  readonly peer: string;
  /** performance.now() of the last packet received. */
  readonly lastReceivedAt: number;
  /** True while reading is paused for a slow stream consumer: silence is then ours, not the peer's. */
  readonly readingPaused: boolean;
  sendPacket(h: PacketHeader): Promise<void>;
  onMessage(program: number, procedure: number, handler: () => void): () => void;
  close(reason: ConnectionError): void;
}

export function keepaliveHeader(procedure: number): PacketHeader {
  return makeHeader({ program: Program.KEEPALIVE, procedure, type: MessageType.MESSAGE, serial: 0 });
}

export class Keepalive {
  private timer: NodeJS.Timeout | null = null;
  private misses = 0;
  private lastPingAt = -Infinity;
  private intervalMs = 5000;
  private count = 5;
  private readonly offPing: () => void;

  constructor(private readonly host: KeepaliveHost) {
    // Send failures mean the session is closing; its close path reports why.
    this.offPing = host.onMessage(Program.KEEPALIVE, KeepaliveProc.PING, () => {
      host.sendPacket(keepaliveHeader(KeepaliveProc.PONG)).catch(() => {});
    });
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /** Starts client-side pings (after the server agreed to feature 10). */
  start(opts: KeepaliveOptions = {}): void {
    this.intervalMs = opts.intervalMs ?? 5000;
    this.count = opts.count ?? 5;
    if (!(this.intervalMs > 0) || !(this.count >= 1)) {
      throw new RangeError(`invalid keepalive settings: interval ${this.intervalMs} ms, count ${this.count}`);
    }
    this.misses = 0;
    this.arm(this.intervalMs);
  }

  /** Stops the timer and the PONG responder (on close). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.offPing();
  }

  private arm(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.check, Math.max(1, ms));
    this.timer.unref();
  }

  // One timer re-armed from the last receive time, rather than a timer reset
  // on every packet: cheap at any packet rate.
  private readonly check = (): void => {
    this.timer = null;
    const now = performance.now();
    // Anything received after our last PING answers it (not just a PONG).
    if (this.host.lastReceivedAt > this.lastPingAt) this.misses = 0;
    if (this.host.readingPaused) {
      this.misses = 0;
      this.arm(this.intervalMs);
      return;
    }
    const idle = now - this.host.lastReceivedAt;
    if (idle < this.intervalMs) {
      this.arm(this.intervalMs - idle);
      return;
    }
    if (this.misses >= this.count) {
      const secs = (idle / 1000).toFixed(1);
      this.host.close(new ConnectionError('closed', `no keepalive response from ${this.host.peer} for ${secs} s`));
      return;
    }
    this.misses++;
    this.lastPingAt = now;
    this.host.sendPacket(keepaliveHeader(KeepaliveProc.PING)).catch(() => {});
    this.arm(this.intervalMs);
  };
}
