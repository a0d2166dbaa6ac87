/**
 * The console's addresses below an area: a machine's page
 * (#/machines/<connectionId>/<uuid>) and a host's (#/hosts/<connectionId>).
 * Pure, with no imports, so any feature can link to them.
 */
export type View =
  { kind: 'area'; id: string } | { kind: 'machine'; connectionId: string; uuid: string } | { kind: 'host'; connectionId: string };

export const machinePath = (connectionId: string, uuid: string) =>
  `#/machines/${encodeURIComponent(connectionId)}/${encodeURIComponent(uuid)}`;
export const hostPath = (connectionId: string) => `#/hosts/${encodeURIComponent(connectionId)}`;

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
  return { kind: 'area', id: area };
}

/** Goes to an address (a path from above, or `#/<area>`). */
export function go(path: string): void {
  window.location.hash = path.replace(/^#/, '');
}
