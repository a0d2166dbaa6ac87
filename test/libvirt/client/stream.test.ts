/** Streams against the lab's libvirtd: a test-driver screenshot (PNG), and abort. */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { LibvirtClient } from '../../../electron/libvirt/client.js';
import { StreamAbortedError } from '../../../electron/libvirt/rpc/stream.js';
import {
  CONNECT_GET_URI,
  DOMAIN_CREATE_WITH_FLAGS,
  DOMAIN_SCREENSHOT,
  TEST_URI,
  closeAll,
  daemonAvailable,
  defineThrowawayDomain,
} from './helpers/daemon.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let client: LibvirtClient | null = null;
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
  await closeAll(client);
  client = null;
});

describe.skipIf(!daemonAvailable)('streams (live libvirtd, test driver)', () => {
  it('DOMAIN_SCREENSHOT yields a PNG through the stream API', async () => {
    client = await LibvirtClient.connect(TEST_URI);
    const d = await defineThrowawayDomain(client);
    cleanup = d.cleanup;
    await client.call(DOMAIN_CREATE_WITH_FLAGS, { dom: d.dom, flags: 0 });
    const { ret, stream } = await client.openStream(DOMAIN_SCREENSHOT, { dom: d.dom, screen: 0, flags: 0 });
    expect(ret.mime).toBe('image/png');
    const parts: Uint8Array[] = [];
    for await (const chunk of stream) parts.push(chunk);
    await stream.finish();
    const png = Buffer.concat(parts);
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(png.length).toBe(33443);
    await expect(stream.closed).resolves.toBeUndefined();
    expect(client.stats.session.dropped).toBe(0);
  });

  it('abort() is confirmed by the server, the reader sees StreamAbortedError, the connection stays usable', async () => {
    client = await LibvirtClient.connect(TEST_URI);
    const d = await defineThrowawayDomain(client);
    cleanup = d.cleanup;
    await client.call(DOMAIN_CREATE_WITH_FLAGS, { dom: d.dom, flags: 0 });
    const { stream } = await client.openStream(DOMAIN_SCREENSHOT, { dom: d.dom, screen: 0, flags: 0 });
    await stream.abort();
    await expect(stream.closed).resolves.toBeUndefined();
    const it = stream[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toBeInstanceOf(StreamAbortedError);
    expect((await client.call(CONNECT_GET_URI, undefined)).uri).toBe('test:///default');
  });

  it('a failed open (no such domain) rejects with the LibvirtError and leaves no stream behind', async () => {
    // The test driver's screenshot never looks the domain up; QEMU's does (read-only, no side effects).
    client = await LibvirtClient.connect('qemu:///system');
    const ghost = { name: 'rpc-test-ghost', uuid: randomBytes(16), id: -1 };
    await expect(client.openStream(DOMAIN_SCREENSHOT, { dom: ghost, screen: 0, flags: 0 })).rejects.toMatchObject({ code: 42 });
    expect((await client.call(CONNECT_GET_URI, undefined)).uri).toBe('qemu:///system');
    expect(client.stats.session.dropped).toBe(0);
  });
});
