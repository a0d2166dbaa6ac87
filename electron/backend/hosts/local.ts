/**
 * "This machine": where the workstation is itself a hypervisor, the first-run
 * screens offer to add its local connection, as virt-manager adds its own by
 * default. Root talks to the system daemon (qemu:///system); anyone else to
 * their session daemon (qemu:///session), where libvirt would also send them.
 * Nothing here adds a record: only the user's click does (addLocal).
 */
import { existsSync } from 'node:fs';
import { parseLibvirtUri, resolveUnixSocketPath } from '../../libvirt/index.js';

export const LOCAL_CONNECTION_NAME = 'This machine';

export interface LocalSocket {
  uri: string;
  socket: string;
}

/** The local libvirt URI for this user and its socket, if that socket exists. */
export function findLocalSocket(isRoot = process.getuid?.() === 0, exists: (p: string) => boolean = existsSync): LocalSocket | null {
  const uri = isRoot ? 'qemu:///system' : 'qemu:///session';
  const socket = resolveUnixSocketPath(parseLibvirtUri(uri), {}, exists);
  return exists(socket) ? { uri, socket } : null;
}
