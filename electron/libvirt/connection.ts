/**
 * A long-lived, self-healing connection for the app: it holds one
 * LibvirtClient at a time and replaces it when the channel dies.
 *
 *   connecting -> connected -> lost -> reconnecting -> connected ...
 *                                   \-> closed (close(), or an error that
 *                                       retrying cannot heal)
 *
 * While not connected, calls fail fast with ConnectionError('closed', "not
 * connected (reconnecting)") instead of queueing: a caller that wants to wait
 * can watch onStateChange. Event listeners survive reconnects: each is bound
 * to the current client and re-bound to the next one.
 */
import { LibvirtClient, type ConnectOptions } from './client.js';
import { ConnectionError } from './errors.js';
import { EventSubscriber } from './events/subscriber.js';
import type { EventKind, EventListener, EventMap, Unsubscribe } from './events/types.js';
import type { Procedure } from './protocol/define.js';
import type { LibvirtStream, OpenStreamOptions, StreamCaller } from './rpc/types.js';
import type { CallOptions } from './rpc/session.js';
import type { Duplex } from 'node:stream';
import type { TunnelTarget } from './transport/types.js';
import { backoffDelay, isPermanentError, type ReconnectOptions } from './reconnect.js';

export type ConnectionState = 'connecting' | 'connected' | 'lost' | 'reconnecting' | 'closed';

export interface StateChange {
  state: ConnectionState;
  previous: ConnectionState;
  /** Why we got here (the loss, the failed attempt, the permanent error); null on success or close(). */
  error: Error | null;
  /** Reconnect attempt number (1, 2, ...) while reconnecting; 0 otherwise. */
  attempt: number;
}

export interface ConnectionOptions extends ConnectOptions {
  /** Backoff settings, or false to go 'closed' on the first loss. */
  reconnect?: ReconnectOptions | false;
  /** Registered before the first connect, so it sees 'connecting' and 'connected' too. */
  onStateChange?: (change: StateChange) => void;
  /** Replaces LibvirtClient.connect (tests). */
  connectClient?: (uri: string, opts: ConnectOptions) => Promise<LibvirtClient>;
}

interface Subscription {
  kind: EventKind;
  fn: EventListener<EventMap[EventKind]>;
  boundTo: LibvirtClient | null;
  binding: LibvirtClient | null;
  unsub: Unsubscribe | null;
}

export class LibvirtConnection extends EventSubscriber implements StreamCaller {
  private currentState: ConnectionState = 'connecting';
  private error: Error | null = null;
  private current: LibvirtClient | null = null;
  private readonly subs = new Set<Subscription>();
  private readonly stateListeners = new Set<(c: StateChange) => void>();
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = false;

  private constructor(
    readonly uri: string,
    private readonly opts: ConnectionOptions,
  ) {
    super();
    if (opts.onStateChange) this.stateListeners.add(opts.onStateChange);
  }

  /** Connects once; rejects with that first error (no retry loop on the first connect). */
  static async open(uri: string, opts: ConnectionOptions = {}): Promise<LibvirtConnection> {
    const conn = new LibvirtConnection(uri, opts);
    conn.setState('connecting', null);
    let client: LibvirtClient;
    try {
      client = await conn.connectClient();
    } catch (err) {
      conn.stopped = true;
      conn.setState('closed', err as Error);
      throw err;
    }
    await conn.attach(client);
    return conn;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** The last loss or failure, kept after recovery for diagnostics. */
  get lastError(): Error | null {
    return this.error;
  }

  /** The live client, if any (stats, features). Do not keep it: it is replaced on reconnect. */
  get client(): LibvirtClient | null {
    return this.current;
  }

  onStateChange(listener: (change: StateChange) => void): () => void {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  }

  call<A, R>(p: Procedure<A, R>, args: A, opts?: CallOptions): Promise<R> {
    const c = this.liveClient();
    return c ? c.call(p, args, opts) : Promise.reject(this.notConnected(p.name));
  }

  openStream<A, R>(p: Procedure<A, R>, args: A, opts?: OpenStreamOptions): Promise<{ ret: R; stream: LibvirtStream }> {
    const c = this.liveClient();
    return c ? c.openStream(p, args, opts) : Promise.reject(this.notConnected(p.name));
  }

  /** A byte stream to a service on the host, through the current client's transport (LibvirtClient.openTunnel). */
  openTunnel(target: TunnelTarget): Promise<Duplex> {
    const c = this.liveClient();
    return c ? c.openTunnel(target) : Promise.reject(this.notConnected('open a tunnel'));
  }

  /** Resolves at once while disconnected: the listener is bound on the next connect. */
  async subscribe<K extends EventKind>(kind: K, listener: EventListener<EventMap[K]>): Promise<Unsubscribe> {
    if (this.stopped) throw this.notConnected(`subscribe ${kind}`);
    const sub: Subscription = { kind, fn: listener as EventListener<EventMap[EventKind]>, boundTo: null, binding: null, unsub: null };
    this.subs.add(sub);
    const c = this.current;
    if (c) {
      try {
        await this.bind(sub, c);
      } catch (err) {
        // A refusal by the daemon is the caller's to handle; a dying client is ours (re-bound later).
        if (!(err instanceof ConnectionError) || !c.isClosed) {
          this.subs.delete(sub);
          throw err;
        }
      }
    }
    return async () => {
      if (!this.subs.delete(sub)) return;
      const unsub = sub.unsub;
      sub.unsub = null;
      sub.boundTo = null;
      await unsub?.();
    };
  }

  /** Stops reconnecting and closes the current client. */
  async close(): Promise<void> {
    if (this.stopped && this.currentState === 'closed') return;
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const c = this.current;
    this.current = null;
    this.setState('closed', null);
    await c?.close();
  }

  private liveClient(): LibvirtClient | null {
    return this.currentState === 'connected' ? this.current : null;
  }

  private notConnected(what: string): ConnectionError {
    const why = this.error ? `: ${this.error.message}` : '';
    const state = this.currentState === 'closed' ? 'closed' : `not connected (${this.currentState})`;
    return new ConnectionError('closed', `${what}: ${this.uri} is ${state}${why}`, { cause: this.error ?? undefined });
  }

  private connectClient(): Promise<LibvirtClient> {
    const connect = this.opts.connectClient ?? ((uri, o) => LibvirtClient.connect(uri, o));
    return connect(this.uri, this.opts);
  }

  private async attach(client: LibvirtClient): Promise<void> {
    this.current = client;
    void client.closed.then((reason) => this.onLost(client, reason));
    for (const sub of [...this.subs]) {
      try {
        await this.bind(sub, client);
      } catch (err) {
        if (client.isClosed) return; // lost again: onLost takes over
        this.error = err as Error; // the daemon refused one kind; the others still work
      }
    }
    if (this.current !== client || this.stopped) return;
    this.attempt = 0;
    this.setState('connected', null);
  }

  /** Binds one listener to a client, at most once even when subscribe() and attach() race. */
  private async bind(sub: Subscription, client: LibvirtClient): Promise<void> {
    if (sub.boundTo === client || sub.binding === client) return;
    sub.binding = client;
    try {
      const unsub = await client.subscribe(sub.kind, sub.fn);
      if (!this.subs.has(sub) || this.current !== client) {
        await unsub().catch(() => {});
        return;
      }
      sub.boundTo = client;
      sub.unsub = unsub;
    } finally {
      if (sub.binding === client) sub.binding = null;
    }
  }

  private onLost(client: LibvirtClient, reason: ConnectionError): void {
    if (this.current !== client || this.stopped) return;
    this.current = null;
    for (const sub of this.subs) {
      sub.boundTo = null;
      sub.unsub = null;
    }
    this.setState('lost', reason);
    if (this.opts.reconnect === false) {
      this.stopped = true;
      this.setState('closed', reason);
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.attempt, this.opts.reconnect || {});
    this.retryTimer = setTimeout(() => void this.reconnect(), delay);
    this.retryTimer.unref();
  }

  private async reconnect(): Promise<void> {
    this.retryTimer = null;
    if (this.stopped) return;
    this.attempt++;
    this.setState('reconnecting', this.error);
    let client: LibvirtClient;
    try {
      client = await this.connectClient();
    } catch (err) {
      if (this.stopped) return;
      if (isPermanentError(err)) {
        this.stopped = true;
        this.setState('closed', err as Error);
      } else {
        this.error = err as Error;
        this.scheduleReconnect();
      }
      return;
    }
    if (this.stopped) {
      await client.close();
      return;
    }
    await this.attach(client);
  }

  private setState(state: ConnectionState, error: Error | null): void {
    const previous = this.currentState;
    this.currentState = state;
    if (error) this.error = error;
    const change: StateChange = { state, previous, error, attempt: state === 'reconnecting' ? this.attempt : 0 };
    for (const l of [...this.stateListeners]) {
      try {
        l(change);
      } catch {
        // A broken listener must not stop the reconnect machinery.
      }
    }
  }
}
