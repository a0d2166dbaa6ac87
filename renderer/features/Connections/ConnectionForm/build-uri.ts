/** libvirt URIs from form fields and back (for the "by fields" mode of the connection form). */

export interface UriFields {
  host: string;
  user: string;
  port: string;
  path: 'system' | 'session';
}

export const EMPTY_FIELDS: UriFields = { host: '', user: 'root', port: '', path: 'system' };

function hostPart(host: string): string {
  // An IPv6 literal needs brackets in a URI.
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** No host means the local hypervisor (qemu:///system); a host means SSH. */
export function buildUri(f: UriFields): string {
  const host = f.host.trim();
  if (!host) return `qemu:///${f.path}`;
  const user = f.user.trim() ? `${encodeURIComponent(f.user.trim())}@` : '';
  const port = f.port.trim() ? `:${f.port.trim()}` : '';
  return `qemu+ssh://${user}${hostPart(host)}${port}/${f.path}`;
}

const SSH_URI = /^qemu\+ssh:\/\/(?:([^@/]+)@)?(\[[^\]]+\]|[^:/?]+)(?::(\d+))?\/(system|session)$/;
const LOCAL_URI = /^qemu:\/\/\/(system|session)$/;

/** The fields of a URI the builder could have produced, or null if it is anything else. */
export function parseUri(uri: string): UriFields | null {
  const trimmed = uri.trim();
  const local = LOCAL_URI.exec(trimmed);
  if (local) return { ...EMPTY_FIELDS, host: '', path: local[1] as UriFields['path'] };
  const m = SSH_URI.exec(trimmed);
  if (!m) return null;
  return {
    user: m[1] ? decodeURIComponent(m[1]) : '',
    host: (m[2] ?? '').replace(/^\[|\]$/g, ''),
    port: m[3] ?? '',
    path: m[4] as UriFields['path'],
  };
}

/** Port field check (the zod schema checks the URI as a whole). */
export function portError(port: string): string | undefined {
  if (!port.trim()) return undefined;
  const n = Number(port);
  return Number.isInteger(n) && n > 0 && n < 65536 ? undefined : 'a port is a number from 1 to 65535';
}
