/**
 * The console's addresses below an area: a machine's page
 * (#/machines/<connectionId>/<uuid>) and a host's (#/hosts/<connectionId>).
 * Pure, with no imports, so any feature can link to them.
 */
export type View =
  | { kind: 'area'; id: string }
  | { kind: 'machine'; connectionId: string; uuid: string }
  | { kind: 'host'; connectionId: string }
  | { kind: 'network'; connectionId: string; name: string }
  | { kind: 'pool'; connectionId: string; pool: string };

export const machinePath = (connectionId: string, uuid: string) =>
  `#/machines/${encodeURIComponent(connectionId)}/${encodeURIComponent(uuid)}`;
export const hostPath = (connectionId: string) => `#/hosts/${encodeURIComponent(connectionId)}`;
/** A virtual network's page (#/networks/<connectionId>/<name>): network names are unique per host. */
export const networkPath = (connectionId: string, name: string) =>
  `#/networks/${encodeURIComponent(connectionId)}/${encodeURIComponent(name)}`;

/** A storage pool's page with its volumes (#/storage/<connectionId>/<pool>): pool names are unique per host. */
export const poolPath = (connectionId: string, pool: string) => `#/storage/${encodeURIComponent(connectionId)}/${encodeURIComponent(pool)}`;

function decode(s: string | undefined): string | undefined {
  if (!s) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** What a location hash shows. */
export function parsePath(hash: string): View {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]?.split('/') ?? [];
  const [area = '', a, b] = parts;
  const first = decode(a);
  const second = decode(b);
  if (area === 'machines' && first && second) return { kind: 'machine', connectionId: first, uuid: second };
  if (area === 'hosts' && first) return { kind: 'host', connectionId: first };
  if (area === 'networks' && first && second) return { kind: 'network', connectionId: first, name: second };
  if (area === 'storage' && first && second) return { kind: 'pool', connectionId: first, pool: second };
  return { kind: 'area', id: area };
}

/** Goes to an address (a path from above, or `#/<area>`). */
export function go(path: string): void {
  window.location.hash = path.replace(/^#/, '');
}
