import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { ConnectionError } from '../errors.js';
import { directTunnel, errnoOf, formatHostPort, resolveTimeout, toConnectionError } from './common.js';
import { readSmallFile, SmallFileError } from './small-file.js';
import type { Channel, DialOptions, Dialer, TlsFiles } from './types.js';
import type { ParsedUri } from './uri.js';

/** libvirtd's TLS port (listen_tls). */
export const DEFAULT_TLS_PORT = 16514;

/** libvirt's built-in client file locations. */
export const DEFAULT_TLS_FILES: Required<TlsFiles> = {
  caFile: '/etc/pki/CA/cacert.pem',
  certFile: '/etc/pki/libvirt/clientcert.pem',
  keyFile: '/etc/pki/libvirt/private/clientkey.pem',
};

/** The byte libvirtd sends after the handshake when it accepts our certificate and address. */
const VERDICT_ACCEPTED = 1;

const FILE_NAMES: Record<keyof TlsFiles, string> = {
  caFile: 'cacert.pem',
  certFile: 'clientcert.pem',
  keyFile: 'clientkey.pem',
};

/**
 * Each file comes from DialOptions.tls, else the URI's `pkipath=` directory, else (non-root
 * users, when present) ~/.pki/libvirt, else libvirt's /etc/pki defaults.
 */
export function resolveTlsFiles(
  parsed: ParsedUri,
  opts: Pick<DialOptions, 'tls'> = {},
  fileExists: (p: string) => boolean = existsSync,
): Required<TlsFiles> {
  const pkiPath = parsed.params.get('pkipath');
  const userDir = process.getuid?.() !== 0 ? path.join(os.homedir(), '.pki', 'libvirt') : undefined;
  const pick = (which: keyof TlsFiles): string => {
    const given = opts.tls?.[which];
    if (given) return given;
    if (pkiPath !== undefined) return path.join(pkiPath, FILE_NAMES[which]);
    if (userDir !== undefined) {
      const candidate = path.join(userDir, FILE_NAMES[which]);
      if (fileExists(candidate)) return candidate;
    }
    return DEFAULT_TLS_FILES[which];
  };
  return { caFile: pick('caFile'), certFile: pick('certFile'), keyFile: pick('keyFile') };
}

export function createTlsDialer(parsed: ParsedUri, opts: DialOptions = {}): Dialer {
  if (parsed.transport !== 'tls' || parsed.host === undefined) {
    throw new ConnectionError('unsupported', `not a tls URI with a host: ${parsed.uri}`);
  }
  const host = parsed.host;
  const port = parsed.port ?? DEFAULT_TLS_PORT;
  const timeoutMs = resolveTimeout(opts.timeoutMs);
  const description = `tls ${formatHostPort(host, port)}`;
  return {
    description,
    async dial(): Promise<Channel> {
      const files = resolveTlsFiles(parsed, opts);
      const ca = await readPkiFile(files.caFile, 'CA certificate');
      const cert = await readPkiFile(files.certFile, 'client certificate');
      const key = await readPkiFile(files.keyFile, 'client key');
      const socket = await connectTls({ host, port, ca, cert, key }, timeoutMs);
      // A tunnel is a plain TCP connection to the host: encrypted only if the service itself is (VNC with TLS).
      return { stream: socket, description, close: () => socket.destroy(), openTunnel: (t) => directTunnel(t, host, timeoutMs) };
    },
  };
}

async function readPkiFile(file: string, what: string): Promise<Buffer> {
  try {
    return await readSmallFile(file, { what: `the TLS ${what}` });
  } catch (err) {
    const why = err instanceof SmallFileError ? err.message : `cannot read the TLS ${what} ${file}: ${errnoOf(err) ?? String(err)}`;
    throw new ConnectionError('auth-failed', why, { cause: err });
  }
}

interface TlsTarget {
  host: string;
  port: number;
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/**
 * Handshake, verify the server against our CA (and its name or IP), then read libvirtd's
 * one-byte verdict. Resolves with the socket positioned right after that byte.
 */
export function connectTls(target: TlsTarget, timeoutMs: number): Promise<tls.TLSSocket> {
  const where = formatHostPort(target.host, target.port);
  return new Promise((resolve, reject) => {
    let settled = false;
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      ca: target.ca,
      cert: target.cert,
      key: target.key,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      // SNI takes names only; an IP address is checked against the certificate's IP entries.
      ...(net.isIP(target.host) === 0 ? { servername: target.host } : {}),
    });
    const finish = (err: ConnectionError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('error', onError);
      socket.off('readable', onReadable);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      if (err) {
        socket.destroy();
        reject(err);
      } else {
        resolve(socket);
      }
    };
    const timer = setTimeout(
      () => finish(new ConnectionError('timeout', `TLS connection to ${where}: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    let handshakeDone = false;
    // libvirtd does not send a "no" verdict: when it refuses our certificate or address it just
    // closes the connection after the handshake. An EOF or reset at that point means exactly that.
    const refusedByClosing = () =>
      new ConnectionError(
        'auth-failed',
        `the server rejected our certificate (or our address) on ${where}: it closed the connection after the TLS handshake ` +
          `without confirming; check the client certificate and the daemon's tls_allowed_dn_list`,
      );
    const onError = (err: Error) => {
      const code = errnoOf(err);
      if (handshakeDone && (code === 'ECONNRESET' || code === 'EPIPE')) finish(refusedByClosing());
      else finish(classifyTlsError(err, where));
    };
    const onEnd = () =>
      finish(
        handshakeDone
          ? refusedByClosing()
          : new ConnectionError('closed', `the TLS server ${where} closed the connection during the handshake`),
      );
    // read(1) takes exactly the verdict; whatever follows stays buffered in the socket.
    const onReadable = () => {
      const chunk: Buffer | null = socket.read(1);
      if (chunk === null) return;
      const verdict = chunk[0];
      if (verdict === VERDICT_ACCEPTED) {
        socket.setNoDelay(true);
        finish(undefined);
      } else {
        finish(
          new ConnectionError(
            'auth-failed',
            `the server rejected our certificate (or our address) on ${where}: verdict byte ${verdict}; check the client certificate and the daemon's tls_allowed_dn_list`,
          ),
        );
      }
    };
    socket.once('secureConnect', () => {
      handshakeDone = true;
      socket.on('readable', onReadable);
      onReadable();
    });
    socket.on('error', onError);
    socket.on('end', onEnd);
    socket.on('close', onEnd);
  });
}

function classifyTlsError(err: Error, where: string): ConnectionError {
  const code = errnoOf(err) ?? '';
  if (code.startsWith('ERR_SSL_') && code.includes('ALERT')) {
    return new ConnectionError('auth-failed', `the TLS server ${where} refused our certificate: ${err.message}`, { cause: err });
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || (/CERT|ISSUER|SIGNATURE/.test(code) && !code.startsWith('ERR_'))) {
    return new ConnectionError('auth-failed', `the certificate of ${where} is not trusted (${code}): ${err.message}`, { cause: err });
  }
  if (code.startsWith('ERR_SSL_')) {
    return new ConnectionError('protocol', `TLS handshake with ${where} failed: ${err.message}`, { cause: err });
  }
  return toConnectionError(err, where);
}
