/**
 * Reading the small files a dial needs (SSH keys, TLS certificates, known_hosts)
 * without trusting what the path points at: a device such as /dev/zero would be
 * read until memory runs out, and a FIFO would block a libuv pool thread (and
 * with it every later file operation of the process) forever. So: stat first
 * and accept regular files only, open with O_NONBLOCK (a FIFO swapped in after
 * the stat cannot block the open), check the opened file again, read at most
 * `maxBytes`, and give up after `timeoutMs`.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

export const MAX_KEY_FILE_BYTES = 64 * 1024;
export const FILE_READ_TIMEOUT_MS = 5_000;

export interface SmallFileOptions {
  /** What the file is, for messages: "the SSH key file". */
  what: string;
  maxBytes?: number;
  timeoutMs?: number;
}

/** A problem with the file itself (not a plain errno): the message is complete as it stands. */
export class SmallFileError extends Error {
  constructor(
    message: string,
    readonly code: 'ENOTREG' | 'EFBIG' | 'ETIMEDOUT',
  ) {
    super(message);
    this.name = 'SmallFileError';
  }
}

function sizeLabel(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function checkStats(file: string, st: Stats, what: string, maxBytes: number): void {
  if (!st.isFile()) throw new SmallFileError(`${what} ${file} is not a regular file (it is ${kindOf(st)})`, 'ENOTREG');
  if (st.size > maxBytes) throw new SmallFileError(`${what} ${file} is larger than ${sizeLabel(maxBytes)}`, 'EFBIG');
}

async function readChecked(file: string, what: string, maxBytes: number): Promise<Buffer> {
  // stat follows symlinks on purpose: a key kept behind a symlink is fine, what it points at is checked.
  checkStats(file, await stat(file), what, maxBytes);
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    checkStats(file, await handle.stat(), what, maxBytes); // the path may have been swapped since
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= maxBytes) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > maxBytes) throw new SmallFileError(`${what} ${file} is larger than ${sizeLabel(maxBytes)}`, 'EFBIG');
    return Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a regular file of at most `maxBytes` (64 KiB by default). Rejects with
 * SmallFileError for anything else, or with the fs error (ENOENT, EACCES...).
 */
export function readSmallFile(file: string, opts: SmallFileOptions): Promise<Buffer> {
  const maxBytes = opts.maxBytes ?? MAX_KEY_FILE_BYTES;
  const timeoutMs = opts.timeoutMs ?? FILE_READ_TIMEOUT_MS;
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new SmallFileError(`${opts.what} ${file} could not be read within ${timeoutMs} ms`, 'ETIMEDOUT')),
      timeoutMs,
    );
    timer.unref();
    readChecked(file, opts.what, maxBytes).then(
      (data) => {
        clearTimeout(timer);
        resolve(data);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
