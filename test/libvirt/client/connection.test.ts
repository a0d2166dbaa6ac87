/**
 * LibvirtConnection across connection loss. The daemon is shared, so the
 * loss is made in a proxy this test owns (a unix socket piped to libvirtd).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibvirtClient } from '../../../electron/libvirt/client.js';
import { type ConnectionState, LibvirtConnection, type StateChange } from '../../../electron/libvirt/connection.js';
import { ConnectionError } from '../../../electron/libvirt/errors.js';
import { backoffDelay } from '../../../electron/libvirt/reconnect.js';
import {
  CONNECT_GET_HOSTNAME,
  CONNECT_GET_URI,
  type CuttableProxy,
  TEST_URI,
  daemonAvailable,
  defineThrowawayDomain,
  startProxy,
  uniqueName,
  waitFor,
} from './helpers/daemon.js';

let proxy: CuttableProxy;
let conn: LibvirtConnection | null = null;
let direct: LibvirtClient | null = null;

beforeEach(async () => {
  if (daemonAvailable) proxy = await startProxy();
});
afterEach(async () => {
  await conn?.close();
  await direct?.close();
  conn = null;
  direct = null;
  await proxy?.close();
});

const viaProxy = () => `test+unix:///default?socket=${proxy.path}`;
const fast = { initialDelayMs: 100, maxDelayMs: 400, jitter: 0 };

describe('backoffDelay', () => {
  it('doubles from 0.5 s up to 30 s, with bounded jitter', () => {
    const none = { jitter: 0 };
    expect([0, 1, 2, 3, 6, 7, 20].map((a) => backoffDelay(a, none))).toEqual([500, 1000, 2000, 4000, 30000, 30000, 30000]);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(2, { jitter: 0.2 });
      expect(d).toBeGreaterThanOrEqual(1600);
      expect(d).toBeLessThanOrEqual(2400);
    }
  });
});

describe.skipIf(!daemonAvailable)('LibvirtConnection (live libvirtd via a cuttable proxy)', () => {
  it('open() rejects with the first error, no retry loop', async () => {
    const states: ConnectionState[] = [];
    const err = await LibvirtConnection.open('test+unix:///default?socket=/tmp/nc-no-such.sock', {
      onStateChange: (c) => states.push(c.state),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('unreachable');
    expect(states).toEqual(['connecting', 'closed']);
  });

  it('loses the link: calls in flight fail, new calls fail fast, it reconnects and events keep flowing', async () => {
    const changes: StateChange[] = [];
    conn = await LibvirtConnection.open(viaProxy(), { reconnect: fast, onStateChange: (c) => changes.push(c) });
    const c = conn;
    expect(c.state).toBe('connected');
    expect((await c.call(CONNECT_GET_URI, undefined)).uri).toBe('test:///default');

    const name = uniqueName();
    const seen: string[] = [];
    await c.onDomainLifecycle((e) => {
      if (e.dom.name === name) seen.push(e.event);
    });

    // A call in flight when the link dies.
    proxy.blackhole = true;
    const inFlight = c.call(CONNECT_GET_HOSTNAME, undefined);
    await new Promise((r) => setTimeout(r, 50));
    proxy.refuse = true; // keep it down for a moment so 'lost' is observable
    proxy.cut();
    const err = await inFlight.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('closed');

    await waitFor(() => c.state !== 'connected', 2000, 'the loss to be noticed');
    const t0 = Date.now();
    const fastFail = await c.call(CONNECT_GET_HOSTNAME, undefined).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(50);
    expect(fastFail).toBeInstanceOf(ConnectionError);
    expect((fastFail as Error).message).toMatch(/not connected \((lost|reconnecting)\)/);

    await waitFor(() => changes.some((ch) => ch.state === 'reconnecting' && ch.attempt >= 2), 5000, 'a failed retry');
    proxy.blackhole = false;
    proxy.refuse = false;
    await waitFor(() => c.state === 'connected', 5000, 'the reconnect');
    const seq = changes.map((ch) => ch.state);
    expect(seq.slice(0, 3)).toEqual(['connecting', 'connected', 'lost']);
    expect(seq.slice(3, -1).every((s) => s === 'reconnecting')).toBe(true);
    expect(seq.at(-1)).toBe('connected');
    expect(changes.find((ch) => ch.state === 'lost')!.error).toBeInstanceOf(ConnectionError);
    expect(c.lastError).toBeInstanceOf(ConnectionError);
    expect(proxy.accepted).toBe(2);

    // The subscription was re-registered on the new connection: events still arrive.
    direct = await LibvirtClient.connect(TEST_URI);
    const { cleanup } = await defineThrowawayDomain(direct, name);
    await cleanup();
    await waitFor(() => seen.length >= 2, 5000, 'events after the reconnect');
    expect(seen).toEqual(['defined', 'undefined']);
    expect((await c.call(CONNECT_GET_URI, undefined)).uri).toBe('test:///default');
  });

  it('stops retrying on an error that cannot heal (auth-failed) and goes closed with it', async () => {
    let attempts = 0;
    const changes: StateChange[] = [];
    conn = await LibvirtConnection.open(viaProxy(), {
      reconnect: fast,
      onStateChange: (c) => changes.push(c),
      connectClient: async (uri, o) => {
        if (attempts++ === 0) return LibvirtClient.connect(uri, o);
        throw new ConnectionError('auth-failed', 'key refused');
      },
    });
    proxy.cut();
    await waitFor(() => conn!.state === 'closed', 3000, 'closed');
    expect(attempts).toBe(2);
    expect(changes.at(-1)).toMatchObject({ state: 'closed', error: { kind: 'auth-failed' } });
    await expect(conn.call(CONNECT_GET_HOSTNAME, undefined)).rejects.toMatchObject({ kind: 'closed' });
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts).toBe(2);
  });

  it('close() stops everything: no reconnect after a later loss, calls fail', async () => {
    conn = await LibvirtConnection.open(viaProxy(), { reconnect: fast });
    const changes: ConnectionState[] = [];
    conn.onStateChange((c) => changes.push(c.state));
    await conn.close();
    expect(conn.state).toBe('closed');
    proxy.cut();
    await new Promise((r) => setTimeout(r, 300));
    expect(changes).toEqual(['closed']);
    expect(proxy.accepted).toBe(1);
    await expect(conn.call(CONNECT_GET_HOSTNAME, undefined)).rejects.toMatchObject({ kind: 'closed' });
  });

  it('reconnect: false goes closed on the first loss', async () => {
    conn = await LibvirtConnection.open(viaProxy(), { reconnect: false });
    proxy.cut();
    await waitFor(() => conn!.state === 'closed', 2000, 'closed');
    expect(conn.lastError).toBeInstanceOf(ConnectionError);
  });
});
