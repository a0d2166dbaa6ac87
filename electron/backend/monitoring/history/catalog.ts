/**
 * The period files on disk, per tier: their sizes and point counts (for usage()), which
 * ones a time range touches, and the deletion of expired ones. A compacted file's header
 * carries its point count, so loading the catalog reads only headers, except for the few
 * files that were appended to since their last compaction.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { HEADER_RECORD_BYTES, parseFileImage } from './file-image.js';
import { TIERS, type Period, type Tier, type TierName } from './tiers.js';

export interface CatalogEntry {
  tier: Tier;
  period: Period;
  path: string;
  size: number;
  points: number;
  compacted: boolean;
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEADER_RECORD_BYTES);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Size, points and compaction state of a file, reading as little of it as it can. A torn
 * tail found on the way is cut off, so that whatever is appended later follows good data.
 */
export function inspectFile(path: string, readOnly = false): { size: number; points: number; compacted: boolean } {
  const size = statSync(path).size;
  const head = parseFileImage(readHead(path)).header;
  if (head && head.compactedLength === size) return { size, points: head.compactedPoints, compacted: true };
  const image = parseFileImage(readFileSync(path));
  if (image.goodEnd < size && !readOnly) truncateSync(path, image.goodEnd);
  return { size: image.goodEnd, points: image.points, compacted: false };
}

export class Catalog {
  private readonly entries = new Map<string, CatalogEntry>();

  /** `readOnly`: a reader beside the backend that owns the files (the CLI): it repairs and removes nothing. */
  constructor(
    private readonly dir: string,
    private readonly readOnly = false,
  ) {}

  tierDir(tier: Tier): string {
    return join(this.dir, tier.name);
  }

  pathOf(tier: Tier, period: Period): string {
    return join(this.tierDir(tier), period.file);
  }

  /** Reads the directories; leftovers of an interrupted compaction are removed. */
  load(): void {
    for (const tier of TIERS) {
      const dir = this.tierDir(tier);
      if (this.readOnly && !existsSync(dir)) continue;
      if (!this.readOnly) mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const file of readdirSync(dir)) {
        if (file.endsWith('.tmp')) {
          if (!this.readOnly) rmSync(join(dir, file), { force: true });
          continue;
        }
        const period = tier.parseFile(file);
        if (period)
          this.entries.set(join(dir, file), { tier, period, path: join(dir, file), ...inspectFile(join(dir, file), this.readOnly) });
      }
    }
  }

  get(path: string): CatalogEntry | undefined {
    return this.entries.get(path);
  }

  set(tier: Tier, period: Period, info: { size: number; points: number; compacted: boolean }): void {
    const path = this.pathOf(tier, period);
    this.entries.set(path, { tier, period, path, ...info });
  }

  list(tier?: TierName): CatalogEntry[] {
    return [...this.entries.values()].filter((e) => !tier || e.tier.name === tier).sort((a, b) => a.period.start - b.period.start);
  }

  /** Files of a tier whose period overlaps [from, to). */
  overlapping(tier: TierName, from: number, to: number): CatalogEntry[] {
    return this.list(tier).filter((e) => e.period.end > from && e.period.start < to);
  }

  /** Deletes the files of a tier whose whole period ended before the cutoff. */
  expire(tier: TierName, cutoff: number): CatalogEntry[] {
    const gone = this.list(tier).filter((e) => e.period.end <= cutoff);
    for (const e of gone) {
      rmSync(e.path, { force: true });
      this.entries.delete(e.path);
    }
    return gone;
  }

  totals(tier: TierName): { bytes: number; points: number; files: number } {
    const list = this.list(tier);
    return { bytes: list.reduce((s, e) => s + e.size, 0), points: list.reduce((s, e) => s + e.points, 0), files: list.length };
  }
}
