/**
 * Where the audit log lives: audit.jsonl in the data dir, one entry per line,
 * beside (not inside) db.json. Entries are appended in batches, so recording
 * costs an action nothing; the store document would have been cloned,
 * validated and rewritten whole (about 18 MB at 50,000 entries) on every
 * change of any setting. The file is bounded: past MAX_ENTRIES plus a margin
 * it is rewritten (atomically) with the newest MAX_ENTRIES.
 */
import { appendFile, readFile } from 'node:fs/promises';
import type { AuditEntry } from '../../../shared/contract/audit.js';
import type { Logger } from '../log.js';
import { dataFiles } from '../paths.js';
import { PRIVATE_FILE_MODE, writePrivateFile } from '../store/private-files.js';

export const MAX_ENTRIES = 50_000;
/** Rewrite once this many entries beyond the bound have accumulated. */
const SLACK = 5_000;
const FLUSH_MS = 250;
const FLUSH_BATCH = 500;

function isEntry(v: unknown): v is AuditEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.id === 'string' && typeof e.at === 'number' && typeof e.action === 'string' && typeof e.ok === 'boolean';
}

export interface AuditFile {
  /** Oldest first, at most MAX_ENTRIES. */
  entries: AuditEntry[];
  skipped: number;
  lines: number;
  /** The last line was cut short (a crash mid-write): the next append starts a new line first. */
  torn: boolean;
}

/** Reads the log (oldest first) without changing anything; unreadable lines (a torn last write) are skipped. */
export async function readAuditFile(dataDir: string): Promise<AuditFile> {
  let text: string;
  try {
    text = await readFile(dataFiles(dataDir).audit, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: 0, lines: 0, torn: false };
    throw e;
  }
  const entries: AuditEntry[] = [];
  let skipped = 0;
  let lines = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    lines++;
    try {
      const v: unknown = JSON.parse(line);
      if (isEntry(v)) entries.push({ ...v, objects: Array.isArray(v.objects) ? v.objects : [], params: v.params ?? {} });
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { entries: entries.slice(-MAX_ENTRIES), skipped, lines, torn: text.length > 0 && !text.endsWith('\n') };
}

export interface AuditWriter {
  /** Queues the entry for the next batch. */
  append(entry: AuditEntry): void;
  /** Writes what is queued now; resolves once it is on disk. */
  flush(): Promise<void>;
}

/** `all` is the in-memory log (oldest first, as read from `read`) that the writer trims along with the file. */
export function createAuditWriter(dataDir: string, all: AuditEntry[], read: AuditFile, log: Logger): AuditWriter {
  const file = dataFiles(dataDir).audit;
  let pending: AuditEntry[] = [];
  let lines = read.lines;
  let lead = read.torn ? '\n' : '';
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();

  async function write(batch: AuditEntry[]): Promise<void> {
    if (lines + batch.length > MAX_ENTRIES + SLACK) {
      // Trim memory and file together: the newest MAX_ENTRIES survive.
      all.splice(0, Math.max(0, all.length - MAX_ENTRIES));
      await writePrivateFile(file, all.map((e) => `${JSON.stringify(e)}\n`).join(''));
      lines = all.length;
      lead = '';
      return;
    }
    await appendFile(file, lead + batch.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: PRIVATE_FILE_MODE });
    lead = '';
    lines += batch.length;
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return chain;
    chain = chain
      .then(() => write(batch))
      .catch((e: unknown) => log.error(`writing ${batch.length} audit log entries to ${file} failed`, e));
    return chain;
  }

  return {
    append(entry) {
      pending.push(entry);
      if (pending.length >= FLUSH_BATCH) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), FLUSH_MS);
        timer.unref();
      }
    },
    flush,
  };
}
