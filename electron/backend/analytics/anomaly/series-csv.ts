/**
 * Reading and writing series in NAB's CSV layout: a `timestamp,value` header,
 * then one row per sample with `YYYY-MM-DD HH:MM:SS` times read as UTC.
 */

export interface SeriesRows {
  /** Timestamps as written, kept so result rows match the data rows exactly. */
  readonly stamps: string[];
  readonly times: Float64Array;
  readonly values: Float64Array;
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

export function parseStamp(text: string): number {
  const m = STAMP.exec(text.trim());
  if (!m) throw new Error(`unreadable timestamp ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, sec, frac] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec ?? 0)) + ms;
}

export function parseSeriesCsv(text: string, name = 'series'): SeriesRows {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const ti = header.indexOf('timestamp');
  const vi = header.indexOf('value');
  if (ti < 0 || vi < 0) throw new Error(`${name}: header must name timestamp and value`);
  const n = lines.length - 1;
  const stamps: string[] = new Array<string>(n);
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cells = (lines[i + 1] ?? '').split(',');
    const stamp = (cells[ti] ?? '').trim();
    const value = Number(cells[vi]);
    if (!Number.isFinite(value)) throw new Error(`${name}:${i + 2}: value is not a number`);
    stamps[i] = stamp;
    times[i] = parseStamp(stamp);
    values[i] = value;
  }
  return { stamps, times, values };
}

/** NAB's result layout: `timestamp,value,anomaly_score`, one row per data row. */
export function formatResultCsv(rows: SeriesRows, scores: ArrayLike<number>): string {
  const out: string[] = ['timestamp,value,anomaly_score'];
  for (let i = 0; i < rows.stamps.length; i++) {
    out.push(`${rows.stamps[i]},${rows.values[i]},${(scores[i] ?? 0).toFixed(6)}`);
  }
  return out.join('\n') + '\n';
}
