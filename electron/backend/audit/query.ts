/** Filtering and paging the audit log, shared by audit.list, audit.export and the CLI. */
import type { AuditEntry, AuditFilter } from '../../../shared/contract/audit.js';

const haystacks = new WeakMap<AuditEntry, string>();

/** Everything a text search looks at, lower-cased once per entry. */
function haystackOf(e: AuditEntry): string {
  let h = haystacks.get(e);
  if (h === undefined) {
    h = [
      e.action,
      e.user,
      e.connectionName ?? '',
      e.connectionId ?? '',
      ...e.objects.flatMap((o) => [o.kind, o.name ?? '', o.uuid ?? '']),
      JSON.stringify(e.params),
      e.ok ? 'ok' : 'error',
      e.error?.code ?? '',
      e.error?.message ?? '',
    ]
      .join('\u0001')
      .toLowerCase();
    haystacks.set(e, h);
  }
  return h;
}

export function matchesFilter(e: AuditEntry, f: AuditFilter): boolean {
  if (f.connectionId !== undefined && e.connectionId !== f.connectionId) return false;
  if (f.action !== undefined && f.action !== '') {
    if (f.action.endsWith('.') ? !e.action.startsWith(f.action) : e.action !== f.action) return false;
  }
  if (f.result !== undefined && e.ok !== (f.result === 'ok')) return false;
  if (f.from !== undefined && e.at < f.from) return false;
  if (f.to !== undefined && e.at > f.to) return false;
  if (f.text !== undefined && f.text.trim() !== '') {
    const h = haystackOf(e);
    for (const word of f.text.toLowerCase().split(/\s+/)) if (word !== '' && !h.includes(word)) return false;
  }
  return true;
}

/** The matching entries, newest first, from `offset`. `all` is oldest first. */
export function pageEntries(all: readonly AuditEntry[], f: AuditFilter, offset: number, limit: number) {
  const entries: AuditEntry[] = [];
  let total = 0;
  for (let i = all.length - 1; i >= 0; i--) {
    const e = all[i]!;
    if (!matchesFilter(e, f)) continue;
    if (total >= offset && entries.length < limit) entries.push(e);
    total++;
  }
  return { entries, total, offset };
}

/** Every matching entry, oldest first (for an export). */
export function selectEntries(all: readonly AuditEntry[], f: AuditFilter): AuditEntry[] {
  return all.filter((e) => matchesFilter(e, f));
}
