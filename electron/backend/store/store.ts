/**
 * The app's lowdb document (db.json in the data dir). Writes go through a 0600
 * temp file + rename, so a crash never leaves half a file. A file that cannot
 * be read, parsed, migrated or validated is moved aside to
 * `db.json.corrupt-<timestamp>` and reported as a warning: never silently
 * replaced, never deleted.
 */
import { readFile, rename } from 'node:fs/promises';
import { Low } from 'lowdb';
import { z } from 'zod';
import type { StartupWarning } from '../../../shared/types.js';
import type { Logger } from '../log.js';
import { dataFiles } from '../paths.js';
import { MigrationError, migrate } from './migrate.js';
import { securePrivateDir, writePrivateFile } from './private-files.js';
import { DbSchema, emptyDb, type Db } from './schema.js';

export interface Store {
  /** A read-only view; change it only through `update`. */
  readonly data: Readonly<Db>;
  /** Applies `fn` to a copy, validates the result, then commits and writes it atomically. */
  update(fn: (draft: Db) => void): Promise<void>;
  readonly warnings: readonly StartupWarning[];
  readonly file: string;
}

type Loaded = { ok: true; doc: Db | null } | { ok: false; reason: string };

async function load(file: string): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, doc: null };
    return { ok: false, reason: `it could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  try {
    const parsed = DbSchema.safeParse(migrate(raw));
    if (!parsed.success)
      return { ok: false, reason: `it does not match the schema (${z.prettifyError(parsed.error).split('\n').slice(0, 3).join('; ')})` };
    return { ok: true, doc: parsed.data };
  } catch (e) {
    if (e instanceof MigrationError) return { ok: false, reason: e.message };
    throw e;
  }
}

/** `db.json.corrupt-2025-01-31T10-20-30-123Z`: sortable, and legal on every file system. */
function asideName(file: string): string {
  return `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
}

export async function openStore(dataDir: string, log: Logger): Promise<Store> {
  // 0700 and 0600 whatever the umask: the directory also holds the app's known_hosts and the encrypted secrets.
  await securePrivateDir(dataDir, log);
  const file = dataFiles(dataDir).db;
  const warnings: StartupWarning[] = [];
  const loaded = await load(file);
  let initial: Db;
  if (loaded.ok) {
    initial = loaded.doc ?? emptyDb();
  } else {
    const movedTo = asideName(file);
    await rename(file, movedTo); // if even this fails, starting would risk the user's data: let it throw
    const message = `The settings file ${file} was unusable (${loaded.reason}). It was kept as ${movedTo} and NovaCron started with empty settings.`;
    log.warn(message);
    warnings.push({ code: 'store-unreadable', message, file: movedTo });
    initial = emptyDb();
  }

  const db = new Low<Db>({ read: async () => null, write: (d) => writePrivateFile(file, `${JSON.stringify(d, null, 2)}\n`) }, initial);
  if (!loaded.ok || loaded.doc === null) await db.write();

  // Updates are chained so each sees the previous one's result, even when callers do not await.
  let queue: Promise<void> = Promise.resolve();
  return {
    get data() {
      return db.data;
    },
    update(fn) {
      const run = async () => {
        const draft = structuredClone(db.data);
        fn(draft);
        db.data = DbSchema.parse(draft); // a bug here must not reach the disk
        await db.write();
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
    warnings,
    file,
  };
}

/**
 * The document as another process sees it (the CLI beside a running app):
 * read, migrated in memory and validated, never written, moved or chmodded.
 * Null when there is none yet; an error naming the problem when it is unreadable.
 */
export async function readStoreSnapshot(dataDir: string): Promise<Readonly<Db> | null> {
  const file = dataFiles(dataDir).db;
  const loaded = await load(file);
  if (!loaded.ok) throw new Error(`NovaCron's settings file ${file} cannot be used: ${loaded.reason}`);
  return loaded.doc;
}
