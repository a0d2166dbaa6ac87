import type { Duplex } from 'node:stream';

/** What the SSH transport shows the user about a host key it has not seen before. */
export interface HostKeyInfo {
  host: string;
  port: number;
  /** e.g. "ssh-ed25519" */
  keyType: string;
  /** OpenSSH style: "SHA256:" + unpadded base64 of the SHA-256 of the key blob. */
  fingerprint: string;
  /** The key blob, base64, as it would stand in known_hosts. */
  key: string;
}

export interface TlsFiles {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/** Everything a dialer may need beyond the URI. */
export interface DialOptions {
  /** SSH private key file; the URI's `keyfile=` wins if both are given. */
  keyFile?: string;
  /** Passphrase of the key file, when it has one. */
  passphrase?: string;
  /** The known_hosts file the app owns. Required for SSH. */
  knownHostsFile?: string;
  /** Asked for an unknown host key; true records the key and goes on. Absent = refuse. */
  acceptHostKey?: (info: HostKeyInfo) => Promise<boolean>;
  /** Asked when the server wants a password (or keyboard-interactive). Absent = no password auth. */
  password?: () => Promise<string | null>;
  /** ssh-agent socket; defaults to $SSH_AUTH_SOCK. `false` disables the agent. */
  agent?: string | false;
  /** TLS client files; default to libvirt's /etc/pki paths or the URI's `pkipath=`. */
  tls?: TlsFiles;
  /** How long to wait for the transport to come up. */
  timeoutMs?: number;
  /** Open read-only (virt-ssh-helper -r, the -ro socket). */
  readOnly?: boolean;
}

/**
 * Where a tunnel leads, as seen from the hypervisor host: a TCP address a
 * service there listens on (a guest's VNC server: `host` as in the domain XML,
 * a wildcard meaning any of the host's addresses), or a unix socket path.
 */
export type TunnelTarget = { host: string; port: number } | { path: string };

/** A byte channel to a libvirt daemon: a Node Duplex (socket, TLS socket, SSH exec channel). */
export interface Channel {
  stream: Duplex;
  /** Human description for logs and errors, e.g. "ssh root@127.0.0.1:2222 (virt-ssh-helper)". */
  description: string;
  /** Tear down everything the channel owns (the SSH client behind an exec channel). */
  close(): void;
  /**
   * Opens a byte stream to `target` on the daemon's host, by this transport's own means:
   * SSH opens a channel (direct-tcpip / streamlocal) of the connection it already holds,
   * a local socket connects directly, TCP/TLS connect to the host's address. Rejects with
   * ConnectionError ('unsupported' when the transport cannot reach it).
   */
  openTunnel?(target: TunnelTarget): Promise<Duplex>;
}

export interface Dialer {
  /** Opens a fresh channel. Rejects with ConnectionError. */
  dial(): Promise<Channel>;
  readonly description: string;
}
