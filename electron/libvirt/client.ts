/**
 * One connection to a libvirt daemon: dial, handshake, then calls, streams
 * and events over a single RPC session. It does not reconnect; for that see
 * LibvirtConnection.
 */
import { ConnectionError } from './errors.js';
import { EventHub, type EventHubStats } from './events/hub.js';
import { EventSubscriber } from './events/subscriber.js';
import type { EventKind, EventListener, EventMap, Unsubscribe } from './events/types.js';
import type { Procedure } from './protocol/define.js';
import type { LibvirtStream, OpenStreamOptions, StreamCaller } from './rpc/types.js';
import { CONNECT_CLOSE } from './protocol/connect.js';
import { type HandshakeResult, performHandshake } from './rpc/handshake.js';
import type { KeepaliveOptions } from './rpc/keepalive.js';
import { type CallOptions, RpcSession, type SessionStats } from './rpc/session.js';
import { createDialer } from './transport/dial.js';
import type { Duplex } from 'node:stream';
import type { Channel, DialOptions, Dialer, TunnelTarget } from './transport/types.js';
import { parseLibvirtUri } from './transport/uri.js';

export interface ConnectOptions extends DialOptions {
  /** CONNECT_OPEN with VIR_CONNECT_RO (and the read-only socket / helper -r). */
  readOnly?: boolean;
  /** Client-side pings (default 5000 ms / 5); `false` only answers the server's. */
  keepalive?: KeepaliveOptions | false;
  /** Use this dialer instead of the one the URI picks (tests, proxies). */
  dialer?: Dialer;
  /** Default reply timeout for every call, in ms. Default: none. */
  callTimeoutMs?: number;
  /** Bound on each handshake call, in ms. Default 30000. */
  handshakeTimeoutMs?: number;
  /** Told about every event listener that throws or rejects; they are always caught. */
  onListenerError?: (err: unknown, kind: EventKind) => void;
}

export interface ClientStats {
  session: SessionStats;
  events: EventHubStats;
}

const CLOSE_TIMEOUT_MS = 5000;

export class LibvirtClient extends EventSubscriber implements StreamCaller {
  /** Settles (never rejects) with the reason once the connection is gone, whoever closed it. */
  readonly closed: Promise<ConnectionError>;
  private readonly hub: EventHub;
  private closing: Promise<void> | null = null;

  private constructor(
    readonly uri: string,
    private readonly session: RpcSession,
    /** What the handshake found out (auth type, keepalive, feature 14/15). */
    readonly features: HandshakeResult,
    opts: ConnectOptions,
    private readonly channel: Channel,
  ) {
    super();
    this.closed = session.closed;
    this.hub = new EventHub(session);
    if (opts.onListenerError) this.hub.onListenerError = opts.onListenerError;
  }

  /** Dials `uri`, runs the handshake and resolves once the connection is open. */
  static async connect(uri: string, opts: ConnectOptions = {}): Promise<LibvirtClient> {
    const { dialer, parsed } = opts.dialer ? { dialer: opts.dialer, parsed: parseLibvirtUri(uri) } : createDialer(uri, opts);
    const channel = await dialer.dial();
    const session = new RpcSession(channel, { callTimeoutMs: opts.callTimeoutMs });
    try {
      const features = await performHandshake(session, {
        name: parsed.name,
        readOnly: opts.readOnly,
        auth: parsed.params.get('auth'),
        callTimeoutMs: opts.handshakeTimeoutMs ?? 30000,
        // The server pings from now on; our own pings start here too.
        onKeepaliveAgreed: () => {
          if (opts.keepalive !== false) session.keepalive.start(opts.keepalive ?? {});
        },
      });
      return new LibvirtClient(uri, session, features, opts, channel);
    } catch (err) {
      const reason =
        err instanceof ConnectionError ? err : new ConnectionError('closed', `handshake with ${session.peer} failed`, { cause: err });
      session.close(reason);
      throw err;
    }
  }

  /** The transport's description, e.g. "unix /var/run/libvirt/libvirt-sock". */
  get peer(): string {
    return this.session.peer;
  }

  get isClosed(): boolean {
    return this.session.isClosed || this.closing !== null;
  }

  get stats(): ClientStats {
    return { session: this.session.stats, events: this.hub.stats };
  }

  call<A, R>(p: Procedure<A, R>, args: A, opts?: CallOptions): Promise<R> {
    if (this.closing && !this.session.isClosed) return Promise.reject(this.closingError(p.name));
    return this.session.call(p, args, opts);
  }

  openStream<A, R>(p: Procedure<A, R>, args: A, opts?: OpenStreamOptions): Promise<{ ret: R; stream: LibvirtStream }> {
    if (this.closing && !this.session.isClosed) return Promise.reject(this.closingError(p.name));
    return this.session.openStream(p, args, opts);
  }

  /**
   * A byte stream to a service on the daemon's host (a guest's VNC server), by this connection's
   * own transport: a channel of the same SSH connection for qemu+ssh, a direct connection
   * otherwise (see Channel.openTunnel). The tunnel ends with the connection.
   */
  openTunnel(target: TunnelTarget): Promise<Duplex> {
    if (this.closing || this.session.isClosed) return Promise.reject(this.closingError('open a tunnel'));
    if (!this.channel.openTunnel) {
      return Promise.reject(new ConnectionError('unsupported', `the transport ${this.peer} cannot open tunnels`));
    }
    return this.channel.openTunnel(target);
  }

  subscribe<K extends EventKind>(kind: K, listener: EventListener<EventMap[K]>): Promise<Unsubscribe> {
    if (this.closing || this.session.isClosed) return Promise.reject(this.closingError(`subscribe ${kind}`));
    return this.hub.subscribe(kind, listener);
  }

  /** CONNECT_CLOSE, then the channel. Never rejects; EOF while waiting for the reply counts as success (docs/protocol/connection.md §3.5). */
  close(): Promise<void> {
    if (this.session.isClosed) return Promise.resolve();
    this.closing ??= this.session
      .call(CONNECT_CLOSE, undefined, { timeoutMs: CLOSE_TIMEOUT_MS })
      .catch(() => {})
      .then(() => this.session.close(new ConnectionError('closed', `the connection to ${this.peer} was closed by the client`)));
    return this.closing;
  }

  private closingError(what: string): ConnectionError {
    return this.session.closeReason
      ? new ConnectionError('closed', `${what}: ${this.session.closeReason.message}`, { cause: this.session.closeReason })
      : new ConnectionError('closed', `${what}: the connection to ${this.peer} is closing`);
  }
}
