/**
 * A minimal logger: one line per entry on stderr (stdout belongs to the
 * shells' own output, e.g. the headless NOVACRON_URL line). Callers never pass
 * secrets; errors are logged with their stack here, and only here.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string, err?: unknown): void;
  error(message: string, err?: unknown): void;
}

function detail(err: unknown): string {
  if (err === undefined) return '';
  if (err instanceof Error) return `\n${err.stack ?? `${err.name}: ${err.message}`}`;
  return ` ${String(err)}`;
}

export function createStderrLogger(prefix = 'novacron'): Logger {
  const write = (level: string, message: string, err?: unknown) =>
    process.stderr.write(`${new Date().toISOString()} ${prefix} ${level} ${message}${detail(err)}\n`);
  return {
    info: (m) => write('info', m),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
  };
}

/** For tests that want silence but still see errors when they fail. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m, e) => lines.push(`warn ${m}${detail(e)}`),
    error: (m, e) => lines.push(`error ${m}${detail(e)}`),
  };
}
