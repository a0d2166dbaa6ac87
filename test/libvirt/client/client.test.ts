/** LibvirtClient against the lab's real libvirtd over the unix socket. */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LibvirtClient } from '../../../electron/libvirt/client.js';
import { ConnectionError, LibvirtError, isNoDomain } from '../../../electron/libvirt/errors.js';
import { AuthType } from '../../../electron/libvirt/protocol/connect.js';
import type { Dialer } from '../../../electron/libvirt/transport/types.js';
import {
  CONNECT_GET_HOSTNAME,
  CONNECT_GET_LIB_VERSION,
  CONNECT_GET_URI,
  DOMAIN_LOOKUP_BY_NAME,
  LIBVIRT_SOCK,
  TEST_URI,
  closeAll,
  daemonAvailable,
  defineThrowawayDomain,
} from './helpers/daemon.js';

let client: LibvirtClient | null = null;
afterEach(async () => {
  await closeAll(client);
  client = null;
});

describe.skipIf(!daemonAvailable)('LibvirtClient (live libvirtd)', () => {
  it('runs the full handshake on qemu:///system', async () => {
    client = await LibvirtClient.connect('qemu:///system');
    expect(client.features).toEqual({ authType: AuthType.NONE, keepalive: true, eventCallbacks: true, closeCallbacks: true });
    expect((await client.call(CONNECT_GET_URI, undefined)).uri).toBe('qemu:///system');
    expect(client.peer).toContain('libvirt-sock');
  });

  it('opens the test driver through its CONNECT_OPEN name (test+unix:///default -> test:///default)', async () => {
    client = await LibvirtClient.connect(TEST_URI);
    expect((await client.call(CONNECT_GET_URI, undefined)).uri).toBe('test:///default');
  });

  it('works over a raw socket dialer too (the Dialer option)', async () => {
    const dialer: Dialer = {
      description: `raw ${LIBVIRT_SOCK}`,
      dial: async () => {
        const s = net.createConnection(LIBVIRT_SOCK);
        await new Promise<void>((resolve, reject) => s.once('connect', resolve).once('error', reject));
        return { stream: s, description: `raw ${LIBVIRT_SOCK}`, close: () => s.destroy() };
      },
    };
    client = await LibvirtClient.connect('qemu:///system', { dialer });
    expect(client.peer).toBe(`raw ${LIBVIRT_SOCK}`);
    expect((await client.call(CONNECT_GET_HOSTNAME, undefined)).hostname.length).toBeGreaterThan(0);
  });

  it('keeps 200 calls in flight at once, all answered and matched', async () => {
    client = await LibvirtClient.connect('qemu:///system');
    const c = client;
    const { hostname } = await c.call(CONNECT_GET_HOSTNAME, undefined);
    const before = c.stats.session.calls;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0
          ? c.call(CONNECT_GET_HOSTNAME, undefined).then((r) => ['h', r.hostname] as const)
          : c.call(CONNECT_GET_LIB_VERSION, undefined).then((r) => ['v', r.libVer] as const),
      ),
    );
    results.forEach((r, i) => {
      if (i % 2 === 0) expect(r).toEqual(['h', hostname]);
      else expect(r).toEqual(['v', 9000000n]);
    });
    expect(c.stats.session.calls - before).toBe(200);
    expect(c.stats.session.dropped).toBe(0);
  });

  it('turns an error reply into a LibvirtError (missing domain: code 42)', async () => {
    client = await LibvirtClient.connect('qemu:///system');
    const err = await client.call(DOMAIN_LOOKUP_BY_NAME, { name: 'rpc-test-no-such-domain' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtError);
    expect(isNoDomain(err)).toBe(true);
    expect(err).toMatchObject({ code: 42, level: 2 });
    expect((err as Error).message).toContain('rpc-test-no-such-domain');
    // The connection is still fine.
    expect((await client.call(CONNECT_GET_LIB_VERSION, undefined)).libVer).toBe(9000000n);
  });

  it('opens read-only when asked: writes are refused with code 29', async () => {
    client = await LibvirtClient.connect(TEST_URI, { readOnly: true });
    const err = await defineThrowawayDomain(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtError);
    expect((err as LibvirtError).code).toBe(29);
  });

  it('answers the server pings: idle for 12 s with pings flowing, the connection stays up', { timeout: 25_000 }, async () => {
    // Our own pings off, so the packets in are the server's and the packets out are our PONGs.
    client = await LibvirtClient.connect('qemu:///system', { keepalive: false });
    const s = client.stats.session;
    const inBefore = s.packetsIn;
    const outBefore = s.packetsOut;
    await new Promise((r) => setTimeout(r, 12_500));
    expect(client.isClosed).toBe(false);
    expect(s.packetsIn - inBefore).toBeGreaterThanOrEqual(2); // PINGs at ~5 and ~10 s
    expect(s.packetsOut - outBefore).toBe(s.packetsIn - inBefore); // one PONG each
    expect((await client.call(CONNECT_GET_LIB_VERSION, undefined)).libVer).toBe(9000000n);
  });

  it('close(): CONNECT_CLOSE then the channel; later calls fail at once with ConnectionError(closed)', async () => {
    client = await LibvirtClient.connect('qemu:///system');
    const c = client;
    await c.close();
    await c.close(); // idempotent
    const reason = await c.closed;
    expect(reason.kind).toBe('closed');
    expect(reason.message).toMatch(/closed by the client/);
    const err = await c.call(CONNECT_GET_HOSTNAME, undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('closed');
  });

  it('fails to connect to a missing socket with ConnectionError(unreachable)', async () => {
    const err = await LibvirtClient.connect('qemu:///system?socket=/tmp/nc-no-such.sock').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('unreachable');
  });
});
