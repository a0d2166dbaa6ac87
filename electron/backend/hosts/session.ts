/**
 * One connect of one connection record: owns its LibvirtConnection and turns
 * the libvirt layer's states into the contract's (disconnected, connecting,
 * connected, lost, reconnecting, failed), with the last error as an AppErrorShape.
 */
import type { AppErrorShape, ConnectionState, HostKey } from '../../../shared/types.js';
import { api, LibvirtConnection, type ConnectionOptions, type StateChange } from '../../libvirt/index.js';
import { AppError, fromLibvirtLayer } from '../errors.js';
import type { Logger } from '../log.js';

/** Told to the connections service, which announces it in the host registry. */
export type LinkEvent = { type: 'up'; id: string; conn: LibvirtConnection; reconnected: boolean } | { type: 'down'; id: string };

export interface SessionHooks {
  changed(): void;
  link(e: LinkEvent): void;
  log: Logger;
}

/** libvirt encodes versions as major * 1,000,000 + minor * 1,000 + micro. */
export function formatLibvirtVersion(v: bigint): string {
  return `${v / 1_000_000n}.${(v / 1_000n) % 1_000n}.${v % 1_000n}`;
}

function shapeOf(err: Error | null, hostKey?: HostKey): AppErrorShape | undefined {
  if (!err) return undefined;
  return (fromLibvirtLayer(err, hostKey) ?? new AppError('internal', 'The connection failed unexpectedly.')).toShape();
}

export class HostSession {
  state: ConnectionState = 'connecting';
  lastError: AppErrorShape | undefined;
  hostname: string | undefined;
  libvirtVersion: string | undefined;
  private conn: LibvirtConnection | null = null;
  private closedByUs = false;

  constructor(
    readonly id: string,
    private readonly hooks: SessionHooks,
  ) {}

  get connection(): LibvirtConnection | null {
    return this.state === 'connected' ? this.conn : null;
  }

  /** Resolves once connected (identity read); rejects with an AppError. */
  async open(uri: string, opts: ConnectionOptions, offeredKey: () => HostKey | undefined): Promise<void> {
    this.set('connecting');
    let conn: LibvirtConnection;
    try {
      conn = await LibvirtConnection.open(uri, { ...opts, onStateChange: (c) => this.onChange(c) });
    } catch (e) {
      const mapped = fromLibvirtLayer(e, offeredKey());
      if (!this.closedByUs) {
        this.lastError = (mapped ?? new AppError('internal', 'The connection failed unexpectedly; the details are in the log.')).toShape();
        this.set('failed');
      }
      throw mapped ?? e; // an unmapped error is logged (with its stack) by the API boundary
    }
    if (this.closedByUs) {
      await conn.close();
      throw new AppError('not-connected', 'The connection was closed while it was being opened.');
    }
    this.conn = conn;
    await this.readIdentity(conn);
    this.lastError = undefined;
    this.set('connected');
    this.hooks.link({ type: 'up', id: this.id, conn, reconnected: false });
  }

  async close(): Promise<void> {
    if (this.closedByUs) return;
    this.closedByUs = true;
    const conn = this.conn;
    this.conn = null;
    this.set('disconnected');
    if (conn) this.hooks.link({ type: 'down', id: this.id });
    await conn?.close();
  }

  private onChange(c: StateChange): void {
    // Before open() resolves it reports the outcome itself; after close() nothing is news.
    if (this.conn === null || this.closedByUs) return;
    const conn = this.conn;
    switch (c.state) {
      case 'connected':
        this.lastError = undefined;
        this.set('connected');
        this.hooks.link({ type: 'up', id: this.id, conn, reconnected: true });
        void this.readIdentity(conn).then(() => this.hooks.changed());
        return;
      case 'lost':
      case 'reconnecting':
        this.lastError = shapeOf(c.error) ?? this.lastError;
        this.set(c.state);
        return;
      case 'closed':
        // Retrying gave up (e.g. the host key changed meanwhile): the user has to act.
        this.lastError = shapeOf(c.error) ?? this.lastError;
        this.conn = null;
        this.set('failed');
        this.hooks.link({ type: 'down', id: this.id });
        return;
      case 'connecting':
        return;
    }
  }

  private async readIdentity(conn: LibvirtConnection): Promise<void> {
    try {
      const [hostname, version] = await Promise.all([api.getHostname(conn), api.getLibVersion(conn)]);
      this.hostname = hostname;
      this.libvirtVersion = formatLibvirtVersion(version);
    } catch (e) {
      // Not fatal: the connection works, the header just lacks these two facts.
      this.hooks.log.warn(`connection ${this.id}: could not read the hostname or libvirt version`, e);
    }
  }

  private set(state: ConnectionState): void {
    this.state = state;
    this.hooks.changed();
  }
}
