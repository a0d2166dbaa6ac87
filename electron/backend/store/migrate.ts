/**
 * Upgrades older documents to the current schema, one version at a time.
 * `MIGRATIONS[n]` turns a version-n document into a version-(n+1) one; it gets
 * plain JSON and must not assume more than the version-n schema promised.
 */
import { SCHEMA_VERSION } from './schema.js';

type Json = Record<string, unknown>;
type Migration = (doc: Json) => Json;

const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // v2: alert rules and alert history (the built-in rules are added by the alerts feature at startup).
  1: (doc) => ({ ...doc, schemaVersion: 2, alertRules: [], alerts: [] }),
  // v3: the template library.
  2: (doc) => ({ ...doc, schemaVersion: 3, templates: [] }),
};

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Returns the document at SCHEMA_VERSION (still to be validated), or throws MigrationError. */
export function migrate(raw: unknown, migrations: Readonly<Record<number, Migration>> = MIGRATIONS): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new MigrationError('the document is not a JSON object');
  let doc = raw as Json;
  const version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MigrationError('the document has no valid schemaVersion');
  }
  if (version > SCHEMA_VERSION) {
    throw new MigrationError(`the document has schemaVersion ${version}, written by a newer NovaCron (this one knows ${SCHEMA_VERSION})`);
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new MigrationError(`no migration from schemaVersion ${v}`);
    doc = step(doc);
  }
  return doc;
}
