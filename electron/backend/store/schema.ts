/**
 * The stored document, version 3. Validated on every load and before every write.
 * v2 added the alert rules and the alert history, v3 the template library (migrate.ts upgrades older ones).
 */
import { z } from 'zod';
import { Alert, AlertRule } from '../../../shared/contract/alerts.js';
import { StoredTemplate } from '../templates/record.js';

export const SCHEMA_VERSION = 3;

export const StoredConnection = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  uri: z.string().min(1),
  keyFile: z.string().optional(),
  autoConnect: z.boolean(),
  /** The secret itself lives in the SecretStore, encrypted; this only says one exists. */
  hasStoredSecret: z.boolean().default(false),
  /** Open read-only in libvirt and refuse changes through NovaCron. Records from before it existed are read-write. */
  readOnly: z.boolean().default(false),
  /** Nothing new starts there through NovaCron. Records from before it existed are not in maintenance. */
  maintenance: z.boolean().default(false),
});
export type StoredConnection = z.infer<typeof StoredConnection>;

// Settings are open-ended for now: unknown keys survive a round trip instead of being dropped.
export const Settings = z.looseObject({});

export const DbSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  connections: z.array(StoredConnection),
  settings: Settings,
  /** Every rule, the built-in ones included (so their edits persist). */
  alertRules: z.array(AlertRule),
  /** Firing alerts and the recent history of resolved ones (bounded by the alerts feature); pending ones are not stored. */
  alerts: z.array(Alert),
  /** The machine templates and their versions (templates/record.ts). */
  templates: z.array(StoredTemplate),
});
export type Db = z.infer<typeof DbSchema>;

export function emptyDb(): Db {
  return { schemaVersion: SCHEMA_VERSION, connections: [], settings: {}, alertRules: [], alerts: [], templates: [] };
}
