/**
 * The data dir holds the settings, the app's known_hosts and the encrypted
 * secrets: it is the user's alone. The folder is kept 0700 and its files 0600
 * whatever the umask, including a folder and files made by an older version
 * (which got the umask's 0755/0644).
 */
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '../log.js';
import { dataFiles } from '../paths.js';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const isWindows = process.platform === 'win32';

/** The files of ours a data dir may hold: the known ones, their temp files, and settings kept aside. */
function isOurFile(name: string, known: Set<string>): boolean {
  if (known.has(name)) return true;
  for (const k of known) {
    if (name.startsWith(`.${k}.`) && name.endsWith('.tmp')) return true; // our temp files
    if (name.startsWith(`${k}.corrupt-`)) return true; // settings kept aside
  }
  return false;
}

/**
 * Creates the data dir 0700, or brings an existing one back to 0700, and its
 * files to 0600. A shared folder (sticky, like /tmp) or one owned by someone
 * else is left alone with a warning: the data dir was pointed at the wrong place.
 */
export async function securePrivateDir(dataDir: string, log: Logger): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (isWindows) return; // POSIX modes mean nothing there; the profile folder is already per-user
  const st = await lstat(dataDir);
  const uid = process.getuid?.();
  if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) {
    if (st.isSymbolicLink() || (st.mode & 0o1000) !== 0 || (uid !== undefined && st.uid !== uid)) {
      log.warn(
        `the data folder ${dataDir} is not private (mode ${(st.mode & 0o7777).toString(8)}) and is not ours to change; ` +
          `point NOVACRON_DATA_DIR at a folder of your own`,
      );
    } else {
      await chmod(dataDir, PRIVATE_DIR_MODE);
    }
  }
  const known = new Set(Object.values(dataFiles(dataDir)).map((f) => basename(f)));
  for (const name of await readdir(dataDir)) {
    if (!isOurFile(name, known)) continue;
    const file = join(dataDir, name);
    const f = await lstat(file).catch(() => null);
    // lstat: a symlink is not followed (chmod would change whatever it points at).
    if (f?.isFile() && (f.mode & 0o777) !== PRIVATE_FILE_MODE) await chmod(file, PRIVATE_FILE_MODE);
  }
}

const writeQueues = new Map<string, Promise<void>>();

async function writeNow(file: string, text: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx' and 0600: a fresh file, never one someone prepared; chmod again in case of an odd umask.
  const handle = await open(tmp, 'wx', PRIVATE_FILE_MODE);
  try {
    try {
      if (!isWindows) await handle.chmod(PRIVATE_FILE_MODE);
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/**
 * Writes `text` to `file` atomically (a 0600 temp file beside it, then rename),
 * so the file is 0600 whatever the umask and a crash never leaves half of it.
 * Writes of one file run one after another, in the order asked.
 */
export function writePrivateFile(file: string, text: string): Promise<void> {
  const previous = writeQueues.get(file) ?? Promise.resolve();
  const next = previous.then(
    () => writeNow(file, text),
    () => writeNow(file, text),
  );
  const settled = next.catch(() => undefined);
  writeQueues.set(file, settled);
  void settled.then(() => {
    if (writeQueues.get(file) === settled) writeQueues.delete(file);
  });
  return next;
}
