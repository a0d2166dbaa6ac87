export { DEFAULT_TIMEOUT_MS, createDialer, createDialerFor } from './dial.js';
export {
  appendKnownHost,
  checkHostKey,
  computeFingerprint,
  describeHostKey,
  formatKnownHostsLine,
  formatKnownHostsName,
  parseKnownHosts,
  readKeyType,
  readKnownHosts,
  type HostKeyVerdict,
  type KnownHostEntry,
} from './known-hosts.js';
export { buildRemoteCommand, type RemoteCommand, type SshProxyMode } from './ssh-command.js';
export { DEFAULT_SSH_PORT, createSshDialer } from './ssh-target.js';
export { DEFAULT_TCP_PORT, createTcpDialer } from './tcp.js';
export { DEFAULT_TLS_FILES, DEFAULT_TLS_PORT, createTlsDialer, resolveTlsFiles } from './tls.js';
export type { Channel, DialOptions, Dialer, HostKeyInfo, TlsFiles, TunnelTarget } from './types.js';
export { createUnixDialer, resolveUnixSocketPath } from './unix.js';
export { CONSUMED_PARAMS, isSessionUri, parseLibvirtUri, type ParsedUri, type TransportName } from './uri.js';
