/**
 * One serial console session, apart from its view: opens the channel,
 * reports "in use" (libvirt allows one reader unless forced) so the user can
 * take over, and after a link loss (to the host, or to the backend) reopens
 * by itself with backoff, saying so in the terminal.
 */
import { isLinkLoss, openChannel, type ChannelHandle } from '../../../api/channels';
import { errorMessage, isApiError } from '../../../api/errors';
import type { AppErrorShape } from '../../../../shared/types';

export type SerialState =
  | { s: 'connecting' }
  | { s: 'open'; forced: boolean }
  | { s: 'busy'; message: string }
  | { s: 'reconnecting'; attempt: number; message: string }
  | { s: 'closed'; message: string };

/** What the session needs from a terminal. */
export interface TerminalSink {
  write(data: Uint8Array | string): void;
}

const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 10_000];

const yellow = (s: string) => `\r\n\x1b[33m${s}\x1b[0m\r\n`;

export class SerialSession {
  private channel: ChannelHandle<'console.serial'> | null = null;
  private stateValue: SerialState = { s: 'connecting' };
  private readonly listeners = new Set<(s: SerialState) => void>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private disposed = false;
  /** Bumped by every open: a late answer to an older one is dropped. */
  private generation = 0;

  constructor(
    readonly connectionId: string,
    readonly uuid: string,
    private readonly term: TerminalSink,
  ) {}

  get state(): SerialState {
    return this.stateValue;
  }

  onState(listener: (s: SerialState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens the console; `force` takes it over from another session. */
  connect(force = false): void {
    if (this.disposed) return;
    this.clearRetry();
    this.channel?.close();
    this.channel = null;
    if (this.stateValue.s !== 'reconnecting') this.set({ s: 'connecting' });
    const gen = ++this.generation;
    void this.open(force, gen);
  }

  /** Keystrokes and pastes. */
  send(data: string): void {
    this.channel?.send(data);
  }

  dispose(): void {
    this.disposed = true;
    this.clearRetry();
    this.channel?.close();
    this.channel = null;
    this.listeners.clear();
  }

  private async open(force: boolean, gen: number): Promise<void> {
    let channel: ChannelHandle<'console.serial'>;
    try {
      channel = await openChannel('console.serial', { connectionId: this.connectionId, uuid: this.uuid, force });
    } catch (e) {
      if (gen !== this.generation || this.disposed) return;
      if (isApiError(e, 'conflict')) {
        this.term.write(yellow(`[${e.message}]`));
        this.set({ s: 'busy', message: e.message });
      } else if (isApiError(e) && isLinkLoss(e)) {
        this.scheduleRetry(e.message);
      } else {
        this.term.write(yellow(`[cannot open the console: ${errorMessage(e)}]`));
        this.set({ s: 'closed', message: errorMessage(e) });
      }
      return;
    }
    if (gen !== this.generation || this.disposed) {
      channel.close();
      return;
    }
    this.channel = channel;
    const wasRetrying = this.stateValue.s === 'reconnecting';
    this.attempt = 0;
    channel.onData((d) => this.term.write(d));
    channel.onClose((error) => this.onClosed(channel, error));
    if (wasRetrying) this.term.write(yellow('[reconnected]'));
    else if (force) this.term.write(yellow('[took the console over from the other session]'));
    this.set({ s: 'open', forced: force });
    // A fresh prompt: the guest shell answers an empty line.
    channel.send('\r');
  }

  private onClosed(channel: ChannelHandle<'console.serial'>, error: AppErrorShape | undefined): void {
    if (this.channel !== channel || this.disposed) return;
    this.channel = null;
    if (isLinkLoss(error)) {
      this.term.write(yellow(`[link lost: ${error!.message} Reconnecting…]`));
      this.scheduleRetry(error!.message);
      return;
    }
    const message = error?.message ?? 'The console closed (the machine stopped, or another session took it over).';
    this.term.write(yellow(`[${message}]`));
    this.set({ s: 'closed', message });
  }

  private scheduleRetry(message: string): void {
    this.attempt++;
    this.set({ s: 'reconnecting', attempt: this.attempt, message });
    const delay = RETRY_MS[Math.min(this.attempt - 1, RETRY_MS.length - 1)] ?? 10_000;
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      const gen = ++this.generation;
      void this.open(false, gen);
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private set(s: SerialState): void {
    this.stateValue = s;
    for (const l of [...this.listeners]) l(s);
  }
}
