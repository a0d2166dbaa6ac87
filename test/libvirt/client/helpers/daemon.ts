/**
 * Integration-test helpers for the lab's libvirtd: the socket, a few
 * procedures defined locally (independent of the shared tables in protocol/),
 * throwaway test-driver domains that always get cleaned up, and a cuttable
 * unix-socket proxy in front of the daemon for connection-loss tests.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { LibvirtClient } from '../../../../electron/libvirt/client.js';
import { Dom } from '../../../../electron/libvirt/protocol/common.js';
import { remoteProc } from '../../../../electron/libvirt/protocol/define.js';
import type { RpcCaller } from '../../../../electron/libvirt/rpc/types.js';
import { optional, str, struct, u32, u64 } from '../../../../electron/libvirt/xdr/index.js';

export const LIBVIRT_SOCK = '/var/run/libvirt/libvirt-sock';
export const daemonAvailable = existsSync(LIBVIRT_SOCK);
export const TEST_URI = 'test+unix:///default';

export const CONNECT_GET_HOSTNAME = remoteProc('CONNECT_GET_HOSTNAME', 59, undefined, struct({ hostname: str }));
export const CONNECT_GET_LIB_VERSION = remoteProc('CONNECT_GET_LIB_VERSION', 157, undefined, struct({ libVer: u64 }));
export const CONNECT_GET_URI = remoteProc('CONNECT_GET_URI', 110, undefined, struct({ uri: str }));
export const DOMAIN_LOOKUP_BY_NAME = remoteProc('DOMAIN_LOOKUP_BY_NAME', 23, struct({ name: str }), struct({ dom: Dom }));
export const DOMAIN_DEFINE_XML = remoteProc('DOMAIN_DEFINE_XML', 11, struct({ xml: str }), struct({ dom: Dom }));
export const DOMAIN_CREATE_WITH_FLAGS = remoteProc('DOMAIN_CREATE_WITH_FLAGS', 196, struct({ dom: Dom, flags: u32 }), struct({ dom: Dom }));
export const DOMAIN_DESTROY_FLAGS = remoteProc('DOMAIN_DESTROY_FLAGS', 234, struct({ dom: Dom, flags: u32 }));
export const DOMAIN_UNDEFINE_FLAGS = remoteProc('DOMAIN_UNDEFINE_FLAGS', 231, struct({ dom: Dom, flags: u32 }));
export const DOMAIN_SCREENSHOT = remoteProc(
  'DOMAIN_SCREENSHOT',
  211,
  struct({ dom: Dom, screen: u32, flags: u32 }),
  struct({ mime: optional(str) }),
  'read',
);

export const uniqueName = (prefix = 'rpc-test') => `${prefix}-${randomBytes(4).toString('hex')}`;

export function testDomainXml(name: string): string {
  return `<domain type='test'><name>${name}</name><memory unit='KiB'>8192</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;
}

/** Defines a throwaway persistent test-driver domain; returns it and a cleanup that never throws. */
export async function defineThrowawayDomain(c: RpcCaller, name = uniqueName()): Promise<{ dom: Dom; cleanup: () => Promise<void> }> {
  const { dom } = await c.call(DOMAIN_DEFINE_XML, { xml: testDomainXml(name) });
  const cleanup = async () => {
    await c.call(DOMAIN_DESTROY_FLAGS, { dom, flags: 0 }).catch(() => {});
    await c.call(DOMAIN_UNDEFINE_FLAGS, { dom, flags: 0 }).catch(() => {});
  };
  return { dom, cleanup };
}

/** Closes clients quietly at the end of a test. */
export async function closeAll(...clients: Array<LibvirtClient | null | undefined>): Promise<void> {
  await Promise.all(clients.map((c) => c?.close()));
}

/** Polls until `cond` holds (or throws after `timeoutMs`). */
export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface CuttableProxy {
  /** The proxy's unix socket, for `?socket=`. */
  path: string;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Drops every current connection (the listener stays up, so clients can come back). */
  cut(): void;
  /** While true, bytes from clients are swallowed: calls stay in flight. */
  blackhole: boolean;
  /** While true, new connections are refused (closed at once). */
  refuse: boolean;
  close(): Promise<void>;
}

/** A tiny unix-socket proxy to libvirtd that the test controls (the shared daemon itself is never disturbed). */
export async function startProxy(target = LIBVIRT_SOCK): Promise<CuttableProxy> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nc-proxy-'));
  const sockPath = path.join(dir, 'libvirt-proxy.sock');
  const pairs = new Set<[net.Socket, net.Socket]>();
  let accepted = 0;
  const proxy: CuttableProxy = {
    path: sockPath,
    get accepted() {
      return accepted;
    },
    blackhole: false,
    refuse: false,
    cut() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    async close() {
      proxy.cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const server = net.createServer((client) => {
    client.on('error', () => {});
    if (proxy.refuse) {
      client.destroy();
      return;
    }
    accepted++;
    const upstream = net.createConnection(target);
    upstream.on('error', () => client.destroy());
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (d) => {
      if (!proxy.blackhole) upstream.write(d);
    });
    upstream.pipe(client);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', drop);
    upstream.on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(sockPath, resolve));
  return proxy;
}
