/**
 * The audit log as CSV (RFC 4180: every cell quoted, quotes doubled, CRLF)
 * or JSON. A spreadsheet would run a cell that starts with = + - @ (or a tab
 * or carriage return) as a formula, so such cells get a leading apostrophe.
 */
import type { AuditEntry } from '../../../shared/contract/audit.js';

export const CSV_COLUMNS = [
  'time',
  'user',
  'connection',
  'connectionId',
  'action',
  'objects',
  'result',
  'errorCode',
  'error',
  'durationMs',
  'params',
] as const;

/** A cell as spreadsheet-safe CSV text. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function describeObjects(e: AuditEntry): string {
  return e.objects.map((o) => [o.kind, o.name, o.uuid && o.name ? `(${o.uuid})` : o.uuid].filter(Boolean).join(' ')).join('; ');
}

function row(e: AuditEntry): string[] {
  return [
    new Date(e.at).toISOString(),
    e.user,
    e.connectionName ?? '',
    e.connectionId ?? '',
    e.action,
    describeObjects(e),
    e.ok ? 'ok' : 'error',
    e.error?.code ?? '',
    e.error?.message ?? '',
    String(e.durationMs),
    JSON.stringify(e.params),
  ];
}

export function toCsv(entries: readonly AuditEntry[]): string {
  return [CSV_COLUMNS, ...entries.map(row)].map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('');
}

export function toJsonText(entries: readonly AuditEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}
