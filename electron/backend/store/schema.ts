/** The stored document, version 1. Validated on every load and before every write. */
import { z } from 'zod';

export const SCHEMA_VERSION = 1;

export const StoredConnection = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  uri: z.string().min(1),
  keyFile: z.string().optional(),
  autoConnect: z.boolean(),
  /** The secret itself lives in the SecretStore, encrypted; this only says one exists. */
  hasStoredSecret: z.boolean().default(false),
});
export type StoredConnection = z.infer<typeof StoredConnection>;

// Settings are open-ended for now: unknown keys survive a round trip instead of being dropped.
export const Settings = z.looseObject({});

export const DbV1 = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  connections: z.array(StoredConnection),
  settings: Settings,
});
export type Db = z.infer<typeof DbV1>;

export function emptyDb(): Db {
  return { schemaVersion: SCHEMA_VERSION, connections: [], settings: {} };
}
