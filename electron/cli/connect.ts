/** Opens the one client a CLI run uses, with host keys checked against NovaCron's known_hosts. */
import { dataFiles, defaultDataDir } from '../backend/paths.js';
import { type HostKeyInfo, LibvirtClient } from '../libvirt/index.js';
import type { GlobalOptions } from './args.js';

/** `keepalive`: ping the host (a long command, e.g. a migration, must notice a dead link); off by default. */
export async function openClient(o: GlobalOptions, extra: { keepalive?: boolean } = {}): Promise<LibvirtClient> {
  return LibvirtClient.connect(o.connect, {
    keyFile: o.keyFile,
    knownHostsFile: o.knownHosts ?? dataFiles(defaultDataDir()).knownHosts,
    readOnly: o.readOnly,
    // Without the flag the transport refuses an unknown key and says how to accept it.
    acceptHostKey: o.acceptNewHostKey ? acceptAndSay : undefined,
    // A CLI run is short: no client pings, the server's are still answered.
    keepalive: extra.keepalive === true ? { intervalMs: 2000, count: 3 } : false,
  });
}

async function acceptAndSay(key: HostKeyInfo): Promise<boolean> {
  process.stderr.write(`novacron: trusting the new ${key.keyType} host key of ${key.host}:${key.port} (${key.fingerprint})\n`);
  return true;
}
