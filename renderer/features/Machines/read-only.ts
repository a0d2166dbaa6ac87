/** Whether a machine's connection is read-only: mutating actions are hidden or disabled with this reason. */
import { useQuery } from '@tanstack/react-query';
import { connectionQueries } from '../Connections/queries';

export const readOnlyReason = (host: string) =>
  `${host} is a read-only connection: NovaCron changes nothing through it (edit the connection to allow changes).`;

/** The reason a machine of this connection cannot be changed, or null when it can. */
export function useReadOnly(connectionId: string): string | null {
  const connections = useQuery(connectionQueries.list());
  const c = connections.data?.find((x) => x.id === connectionId);
  return c?.readOnly ? readOnlyReason(c.name) : null;
}

/** The ids of every read-only connection (for the table: one lookup per render, not per row). */
export function useReadOnlyConnections(): ReadonlySet<string> {
  const connections = useQuery({ ...connectionQueries.list(), select: readOnlyIds });
  return connections.data ?? EMPTY;
}

const EMPTY: ReadonlySet<string> = new Set();
let last: { key: string; set: ReadonlySet<string> } | undefined;
function readOnlyIds(list: { id: string; readOnly: boolean }[]): ReadonlySet<string> {
  const ids = list.filter((c) => c.readOnly).map((c) => c.id);
  const key = ids.join('\n');
  if (last?.key !== key) last = { key, set: new Set(ids) };
  return last.set;
}
