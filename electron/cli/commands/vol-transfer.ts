/**
 * `vol upload POOL NAME FILE` and `vol download POOL NAME FILE`: the backend's own transfer cores
 * (electron/backend/storage/transfer/) over the CLI's client, so the app and the CLI move volume
 * bytes the same way: libvirt's volume streams, sparse where safe. Progress goes to stderr.
 */
import { createReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { volumeNameProblem } from '../../../shared/contract/volume-transfer.js';
import { downloadFromVolume } from '../../backend/storage/transfer/download.js';
import { formatBytes, formatRate, type TransferProgress } from '../../backend/storage/transfer/progress.js';
import { uploadToVolume } from '../../backend/storage/transfer/upload.js';
import { UsageError } from '../args.js';
import { clientOf, type CliCommand, type CommandContext } from '../command.js';
import { openClient } from '../connect.js';
import { printJson } from '../output.js';

/** Read size for the local file: big reads, cut into 256 KiB packets by the stream layer. */
const READ_CHUNK = 1024 * 1024;

function checkVolumeName(name: string): string {
  const problem = volumeNameProblem(name);
  if (problem) throw new UsageError(`invalid volume name "${name.replace(/[^\x20-\x7e]/g, '?')}": ${problem}`);
  return name;
}

/** One stderr line per report: `\r`-rewritten on a terminal, plain lines (about one a second) otherwise. */
function progressPrinter(verb: string): { onProgress(p: TransferProgress): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let wrote = false;
  const line = (p: TransferProgress) =>
    `${verb} ${formatBytes(p.done)} of ${formatBytes(p.total)} (${p.total ? Math.floor((p.done / p.total) * 100) : 100}%) · ${formatRate(p.rate)}`;
  return {
    onProgress(p) {
      const now = Date.now();
      if (tty) {
        process.stderr.write(`\r${line(p)}\u001b[K`);
        wrote = true;
      } else if (now - last >= 1000 || p.done === p.total) {
        last = now;
        process.stderr.write(`${line(p)}\n`);
      }
    },
    done() {
      if (tty && wrote) process.stderr.write('\n');
    },
  };
}

async function uploadCommand(x: CommandContext): Promise<void> {
  const [pool, rawName, file] = x.operands as [string, string, string];
  const name = checkVolumeName(rawName);
  const st = await stat(file).catch(() => null);
  if (!st || !st.isFile()) throw new UsageError(`${file} is not a readable file`);
  const progress = progressPrinter('uploaded');
  const started = performance.now();
  try {
    const r = await uploadToVolume(
      clientOf(x),
      { pool, name, size: st.size, overwrite: x.opts['--overwrite'] === true, sparse: x.opts['--no-sparse'] !== true },
      createReadStream(file, { highWaterMark: READ_CHUNK }),
      // A dead client does not come back: the rollback opens a fresh connection to delete what it made.
      { signal: x.signal, onProgress: progress.onProgress, reopen: () => openClient(x.global) },
    );
    progress.done();
    const seconds = (performance.now() - started) / 1000;
    if (x.global.json) return printJson({ ...r, seconds });
    const how = r.sparse ? `, sparse: ${formatBytes(r.holeBytes)} as holes` : '';
    process.stdout.write(`uploaded ${r.bytes} bytes into ${r.pool}/${r.name}${r.created ? ' (new volume)' : ''}${how}\n`);
  } catch (e) {
    progress.done();
    throw e;
  }
}

async function downloadCommand(x: CommandContext): Promise<void> {
  const [pool, rawName, file] = x.operands as [string, string, string];
  const name = checkVolumeName(rawName);
  // Refuses to replace a file unless told: a download is often big and the name easy to mistype.
  const fh = await open(file, x.opts['--force'] === true ? 'w' : 'wx').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EEXIST') throw new UsageError(`${file} exists; use --force to replace it`);
    throw new UsageError(`cannot write ${file}: ${e.message}`);
  });
  const progress = progressPrinter('downloaded');
  let at = 0;
  let ok = false;
  try {
    const r = await downloadFromVolume(
      clientOf(x),
      { pool, name },
      {
        async data(bytes) {
          let off = 0;
          while (off < bytes.byteLength) off += (await fh.write(bytes, off, bytes.byteLength - off, at + off)).bytesWritten;
          at += bytes.byteLength;
        },
        // A hole stays a hole in the local file: skip over it, the final truncate sets the size.
        hole(n) {
          at += n;
        },
      },
      { signal: x.signal, onProgress: progress.onProgress },
    );
    await fh.truncate(at);
    ok = true;
    progress.done();
    if (x.global.json) return printJson(r);
    process.stdout.write(`downloaded ${r.bytes} bytes of ${r.pool}/${r.name} to ${file}\n`);
  } finally {
    await fh.close();
    // A partial download must not look like the volume: remove what we wrote.
    if (!ok) {
      progress.done();
      await rm(file, { force: true });
    }
  }
}

export const volTransferCommands: CliCommand[] = [
  {
    path: ['vol', 'upload'],
    operands: ['POOL', 'NAME', 'FILE'],
    options: { '--overwrite': 'flag', '--no-sparse': 'flag' },
    connects: true,
    run: uploadCommand,
  },
  {
    path: ['vol', 'download'],
    operands: ['POOL', 'NAME', 'FILE'],
    options: { '--force': 'flag' },
    connects: true,
    run: downloadCommand,
  },
];
