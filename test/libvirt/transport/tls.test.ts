import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError } from '../../../electron/libvirt/errors.js';
import { createDialer } from '../../../electron/libvirt/transport/dial.js';
import { DEFAULT_TLS_FILES, resolveTlsFiles } from '../../../electron/libvirt/transport/tls.js';
import { parseLibvirtUri } from '../../../electron/libvirt/transport/uri.js';
import type { Channel } from '../../../electron/libvirt/transport/types.js';
import { exchange, findFreePort, makeTempDir, rejectionOf } from './helpers/tools.js';
import { createCa, issueCertificate, type Ca } from './helpers/pki.js';

type Behaviour = (socket: tls.TLSSocket) => void;

/** First bytes of whatever arrives, waiting for `length` of them. */
function readBytes(channel: Channel, length: number): Promise<Buffer> {
  return exchange(channel.stream, Buffer.alloc(0), length);
}

describe('tls file locations', () => {
  it('defaults, pkipath= and explicit files', () => {
    if (process.getuid?.() === 0) {
      expect(resolveTlsFiles(parseLibvirtUri('qemu+tls://h/system'))).toEqual(DEFAULT_TLS_FILES);
    }
    expect(resolveTlsFiles(parseLibvirtUri('qemu+tls://h/system?pkipath=/p'))).toEqual({
      caFile: '/p/cacert.pem',
      certFile: '/p/clientcert.pem',
      keyFile: '/p/clientkey.pem',
    });
    expect(resolveTlsFiles(parseLibvirtUri('qemu+tls://h/system?pkipath=/p'), { tls: { caFile: '/ca.pem' } })).toEqual({
      caFile: '/ca.pem',
      certFile: '/p/clientcert.pem',
      keyFile: '/p/clientkey.pem',
    });
  });
});

describe('tls transport against a local TLS server', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ca: Ca;
  let rogue: Ca;
  let server: { cert: string; key: string };
  let rogueServer: { cert: string; key: string };
  let pkiDir: string;
  let roguePkiDir: string;
  let running: tls.Server | undefined;

  beforeAll(() => {
    tmp = makeTempDir('tls');
    ca = createCa(path.join(tmp.dir, 'ca'), 'NovaCron test CA');
    rogue = createCa(path.join(tmp.dir, 'rogue'), 'Rogue CA');
    server = issueCertificate(ca, path.join(tmp.dir, 'server'), 'server', 'localhost', 'IP:127.0.0.1,DNS:localhost');
    rogueServer = issueCertificate(rogue, path.join(tmp.dir, 'server'), 'rogue-server', 'localhost', 'IP:127.0.0.1');
    // libvirt's pkipath layout: cacert.pem, clientcert.pem, clientkey.pem.
    pkiDir = path.join(tmp.dir, 'pki');
    const client = issueCertificate(ca, path.join(tmp.dir, 'client'), 'client', 'novacron-client');
    mkdirSync(pkiDir);
    copyFileSync(ca.cert, path.join(pkiDir, 'cacert.pem'));
    copyFileSync(client.cert, path.join(pkiDir, 'clientcert.pem'));
    copyFileSync(client.key, path.join(pkiDir, 'clientkey.pem'));
    // A client whose certificate the server's CA did not sign.
    roguePkiDir = path.join(tmp.dir, 'rogue-pki');
    const rogueClient = issueCertificate(rogue, path.join(tmp.dir, 'client'), 'rogue-client', 'intruder');
    mkdirSync(roguePkiDir);
    copyFileSync(ca.cert, path.join(roguePkiDir, 'cacert.pem'));
    copyFileSync(rogueClient.cert, path.join(roguePkiDir, 'clientcert.pem'));
    copyFileSync(rogueClient.key, path.join(roguePkiDir, 'clientkey.pem'));
  });

  afterEach(async () => {
    if (running) await new Promise((r) => running!.close(r));
    running = undefined;
  });
  afterAll(() => tmp.remove());

  async function startServer(behaviour: Behaviour, cert = server): Promise<number> {
    const srv = tls.createServer({
      key: readFileSync(cert.key),
      cert: readFileSync(cert.cert),
      ca: readFileSync(ca.cert),
      requestCert: true,
      rejectUnauthorized: true,
    });
    srv.on('secureConnection', (socket) => {
      socket.on('error', () => undefined);
      behaviour(socket);
    });
    srv.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    running = srv;
    return (srv.address() as net.AddressInfo).port;
  }

  const acceptThenEcho =
    (after: string): Behaviour =>
    (socket) => {
      // The verdict and the first bytes in one write: nothing after the verdict may be lost.
      socket.write(Buffer.concat([Buffer.from([1]), Buffer.from(after)]));
      socket.pipe(socket);
    };

  it('reads the verdict byte and keeps every byte after it', async () => {
    const port = await startServer(acceptThenEcho('hello-after-verdict'));
    const { dialer } = createDialer(`qemu+tls://127.0.0.1:${port}/system?pkipath=${pkiDir}`);
    expect(dialer.description).toBe(`tls 127.0.0.1:${port}`);
    const channel = await dialer.dial();
    try {
      expect((await readBytes(channel, 19)).toString()).toBe('hello-after-verdict');
      expect((await exchange(channel.stream, Buffer.from('echo me'), 7)).toString()).toBe('echo me');
    } finally {
      channel.close();
    }
  });

  it('handles a verdict and data arriving in separate, late packets', async () => {
    const port = await startServer((socket) => {
      setTimeout(() => socket.write(Buffer.from([1])), 150);
      setTimeout(() => socket.write('late data'), 300);
    });
    const channel = await createDialer(`qemu+tls://127.0.0.1:${port}/system`, {
      tls: {
        caFile: path.join(pkiDir, 'cacert.pem'),
        certFile: path.join(pkiDir, 'clientcert.pem'),
        keyFile: path.join(pkiDir, 'clientkey.pem'),
      },
    }).dialer.dial();
    try {
      expect((await readBytes(channel, 9)).toString()).toBe('late data');
    } finally {
      channel.close();
    }
  });

  it('works with async iteration of the stream too', async () => {
    const port = await startServer((socket) => {
      socket.end(Buffer.concat([Buffer.from([1]), Buffer.from('abc')]));
    });
    const channel = await createDialer(`qemu+tls://127.0.0.1:${port}/system?pkipath=${pkiDir}`).dialer.dial();
    const chunks: Buffer[] = [];
    for await (const chunk of channel.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('abc');
    channel.close();
  });

  it('reports a rejecting verdict as auth-failed', async () => {
    const port = await startServer((socket) => socket.write(Buffer.from([0, 1, 2])));
    const err = await rejectionOf(createDialer(`qemu+tls://127.0.0.1:${port}/system?pkipath=${pkiDir}`).dialer.dial());
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('auth-failed');
    expect(err.message).toMatch(/the server rejected our certificate/);
  });

  it('reads a close right after the handshake as a refusal (what libvirtd does)', async () => {
    const port = await startServer((socket) => socket.end());
    const err = await rejectionOf(createDialer(`qemu+tls://127.0.0.1:${port}/system?pkipath=${pkiDir}`).dialer.dial());
    expect((err as ConnectionError).kind).toBe('auth-failed');
    expect(err.message).toMatch(/the server rejected our certificate/);
  });

  it('refuses a server certificate our CA did not sign', async () => {
    const port = await startServer(acceptThenEcho('x'), rogueServer);
    const err = await rejectionOf(createDialer(`qemu+tls://127.0.0.1:${port}/system?pkipath=${pkiDir}`).dialer.dial());
    expect((err as ConnectionError).kind).toBe('auth-failed');
    expect(err.message).toMatch(/not trusted/);
  });

  it('refuses a server whose certificate names another host', async () => {
    const other = issueCertificate(ca, path.join(tmp.dir, 'server'), 'other', 'other.example', 'DNS:other.example');
    const port = await startServer(acceptThenEcho('x'), other);
    const err = await rejectionOf(createDialer(`qemu+tls://127.0.0.1:${port}/system?pkipath=${pkiDir}`).dialer.dial());
    expect((err as ConnectionError).kind).toBe('auth-failed');
    expect(err.message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it('reports a client certificate the server refuses as auth-failed', async () => {
    const port = await startServer(acceptThenEcho('x'));
    const err = await rejectionOf(createDialer(`qemu+tls://127.0.0.1:${port}/system?pkipath=${roguePkiDir}`).dialer.dial());
    expect((err as ConnectionError).kind).toBe('auth-failed');
  });

  it('reports missing client files as auth-failed, naming the file', async () => {
    const err = await rejectionOf(createDialer(`qemu+tls://127.0.0.1:1/system?pkipath=${path.join(tmp.dir, 'nope')}`).dialer.dial());
    expect((err as ConnectionError).kind).toBe('auth-failed');
    expect(err.message).toContain(path.join(tmp.dir, 'nope', 'cacert.pem'));
  });

  it('reports a closed port as unreachable', async () => {
    const port = await findFreePort();
    const err = await rejectionOf(createDialer(`qemu+tls://127.0.0.1:${port}/system?pkipath=${pkiDir}`).dialer.dial());
    expect((err as ConnectionError).kind).toBe('unreachable');
  });

  it('times out when the verdict never comes', async () => {
    const port = await startServer(() => undefined);
    const err = await rejectionOf(createDialer(`qemu+tls://127.0.0.1:${port}/system?pkipath=${pkiDir}`, { timeoutMs: 400 }).dialer.dial());
    expect((err as ConnectionError).kind).toBe('timeout');
  });
});

describe('tcp transport', () => {
  it('connects and carries bytes; a closed port is unreachable', async () => {
    const srv = net.createServer((s) => s.pipe(s));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      const channel = await createDialer(`qemu+tcp://127.0.0.1:${port}/system`).dialer.dial();
      expect((await exchange(channel.stream, Buffer.from('tcp!'), 4)).toString()).toBe('tcp!');
      channel.close();
    } finally {
      srv.close();
    }
    const err = await rejectionOf(createDialer(`qemu+tcp://127.0.0.1:${await findFreePort()}/system`).dialer.dial());
    expect((err as ConnectionError).kind).toBe('unreachable');
  });
});
