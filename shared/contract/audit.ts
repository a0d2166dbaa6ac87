/**
 * The audit log: every mutating call through NovaCron, who made it, on what,
 * and how it ended. Kept by the backend, searchable, exportable.
 */
import { z } from 'zod';
import { method } from './define.js';
import { id, plainText } from './fields.js';

export const AuditObject = z.object({
  kind: z.enum(['vm', 'pool', 'network', 'volume', 'connection', 'rule', 'snapshot']),
  /** The name when known (a machine's may be resolved from its UUID). */
  name: z.string().optional(),
  uuid: z.string().optional(),
});
export type AuditObject = z.infer<typeof AuditObject>;

export const AuditEntry = z.object({
  id: z.string(),
  /** When the call arrived, ms since the epoch. */
  at: z.number(),
  /** The OS user running NovaCron. */
  user: z.string(),
  connectionId: z.string().optional(),
  /** The connection's name when the action was taken. */
  connectionName: z.string().optional(),
  /** What the action touched; several for a bulk action. */
  objects: z.array(AuditObject),
  /** The contract method, e.g. "vms.act". */
  action: z.string(),
  /** The input, secrets replaced by "[redacted]". */
  params: z.record(z.string(), z.unknown()),
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  durationMs: z.number(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z.object({
  /** Case-insensitive words, all of which must appear (action, user, connection, object, parameters, error). */
  text: plainText(200).optional(),
  connectionId: id.optional(),
  /** A method name, or a prefix ending in "." ("vms." for every machine action). */
  action: plainText(100).optional(),
  result: z.enum(['ok', 'error']).optional(),
  /** Inclusive bounds, ms since the epoch. */
  from: z.number().optional(),
  to: z.number().optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditPage = z.object({
  /** Newest first. */
  entries: z.array(AuditEntry),
  /** How many match the filter in all. */
  total: z.number().int(),
  offset: z.number().int(),
});

export const auditMethods = {
  'audit.list': method(
    AuditFilter.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }),
    AuditPage,
  ),
  /** The matching entries (oldest first) as CSV or JSON text, for a file the user saves. */
  'audit.export': method(
    AuditFilter.extend({ format: z.enum(['csv', 'json']) }),
    z.object({ format: z.enum(['csv', 'json']), text: z.string(), count: z.number().int() }),
  ),
} as const;

export const auditEvents = {
  /** New entries were recorded: a live view re-reads its page. */
  'audit.recorded': z.object({ count: z.number().int() }),
} as const;

export const auditContract = { methods: auditMethods, events: auditEvents };
