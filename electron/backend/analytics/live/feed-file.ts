/**
 * The anomaly feed on disk: `<dataDir>/analytics/anomalies.jsonl`, one
 * flagged point per line as a short JSON array (not per-sample JSON in
 * lowdb: only flagged points are kept, and only the last N). Lines are
 * appended as anomalies come; when the file holds twice the limit it is
 * rewritten with the newest N (write to a temporary file, then rename). A
 * torn last line after a crash is skipped when read.
 */
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnomalyRecord } from '../../../../shared/contract/analytics.js';

export function anomalyFile(dataDir: string): string {
  return join(dataDir, 'analytics', 'anomalies.jsonl');
}

type Row = [number, string, string, string, string, number, number, number, number];

export function encodeRecord(r: AnomalyRecord): string {
  const row: Row = [r.t, r.connectionId, r.uuid ?? '', r.name, r.series, round(r.score), r.threshold, round(r.value), r.stepMs];
  return JSON.stringify(row);
}

const round = (v: number) => Math.round(v * 1000) / 1000;

export function decodeLine(line: string): AnomalyRecord | undefined {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!Array.isArray(row) || row.length < 9) return undefined;
  const [t, connectionId, uuid, name, series, score, threshold, value, stepMs] = row as Row;
  const parsed = AnomalyRecord.safeParse({
    t,
    connectionId,
    ...(uuid ? { uuid } : {}),
    name,
    series,
    score,
    threshold,
    value,
    stepMs,
  });
  return parsed.success ? parsed.data : undefined;
}

/** The records in the file, oldest first (none if it does not exist). */
export async function readAnomalyFile(path: string): Promise<AnomalyRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: AnomalyRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const r = decodeLine(line);
    if (r) out.push(r);
  }
  return out;
}

export class AnomalyFile {
  private lines = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly limit: number,
  ) {}

  /** Reads what the file holds (the newest `limit`), rewriting it when it holds more. */
  async load(): Promise<AnomalyRecord[]> {
    const all = await readAnomalyFile(this.path);
    const kept = all.slice(-this.limit);
    this.lines = all.length;
    if (all.length > kept.length) await this.rewrite(kept);
    return kept;
  }

  /** Appends records; with `current` (the newest N) the file is rewritten once it holds twice the limit. */
  append(records: readonly AnomalyRecord[], current: () => readonly AnomalyRecord[]): Promise<void> {
    this.writing = this.writing.then(async () => {
      await mkdir(join(this.path, '..'), { recursive: true });
      await appendFile(this.path, records.map((r) => `${encodeRecord(r)}\n`).join(''));
      this.lines += records.length;
      if (this.lines >= 2 * this.limit) await this.rewrite(current());
    });
    return this.writing;
  }

  flushed(): Promise<void> {
    return this.writing;
  }

  private async rewrite(records: readonly AnomalyRecord[]): Promise<void> {
    await mkdir(join(this.path, '..'), { recursive: true });
    const tmp = `${this.path}.tmp`;
    await writeFile(tmp, records.map((r) => `${encodeRecord(r)}\n`).join(''));
    await rename(tmp, this.path);
    this.lines = records.length;
  }
}
