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

/** C0, DEL, C1 and the Unicode line/paragraph separators: anything a terminal or log viewer may take as a line break or an escape. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text as it may stand inside one log line: control characters written as
 * \n, \r, \t, \xNN or \uNNNN, so no string (a connection name, a libvirt
 * error, a domain name) can end the line and forge the next one.
 */
export function escapeLogText(text: string): string {
  return text.replace(
    UNSAFE,
    (c) =>
      NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`),
  );
}

/**
 * An error as the rest of its entry: its name and message escaped on the entry's
 * line, then the stack frames, each on its own indented line (escaped too), so
 * every line that does not start with the timestamp is visibly a continuation.
 */
function detail(err: unknown): string {
  if (err === undefined) return '';
  if (!(err instanceof Error)) return ` ${escapeLogText(String(err))}`;
  const head = `${err.name}: ${err.message}`;
  const stack = err.stack ?? head;
  // The stack starts with "Name: message" (which may span lines); the frames follow.
  const frames = (stack.startsWith(head) ? stack.slice(head.length) : stack)
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .map((l) => `\n    ${escapeLogText(l.trim())}`);
  return ` ${escapeLogText(head)}${frames.join('')}`;
}

export function createStderrLogger(prefix = 'novacron'): Logger {
  const write = (level: string, message: string, err?: unknown) =>
    process.stderr.write(`${new Date().toISOString()} ${prefix} ${level} ${escapeLogText(message)}${detail(err)}\n`);
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
    info: (m) => lines.push(`info ${escapeLogText(m)}`),
    warn: (m, e) => lines.push(`warn ${escapeLogText(m)}${detail(e)}`),
    error: (m, e) => lines.push(`error ${escapeLogText(m)}${detail(e)}`),
  };
}
