/**
 * `vol list|create|resize|delete|clone`: the backend's volume core
 * (electron/backend/storage/volumes.ts) over the CLI's client: the same
 * checks (name, size, free space), the same refusals (in use, shrink not confirmed).
 */
import { cloneVolume, createVolume, deleteVolume, listVolumes, resizeVolume } from '../../backend/storage/volumes.js';
import { UsageError } from '../args.js';
import { clientOf, type CliCommand, type CommandContext } from '../command.js';
import { printJson, printTable } from '../output.js';
import { checkNewName } from './pool.js';

const UNITS: Record<string, number> = {
  '': 1,
  B: 1,
  K: 2 ** 10,
  KIB: 2 ** 10,
  M: 2 ** 20,
  MIB: 2 ** 20,
  G: 2 ** 30,
  GIB: 2 ** 30,
  T: 2 ** 40,
  TIB: 2 ** 40,
};

/** "1073741824", "512M", "10GiB" -> bytes (binary units); 0 and nonsense are usage errors. */
export function parseSize(value: string | true | undefined): number {
  if (typeof value !== 'string') throw new UsageError('--size BYTES is required');
  const m = /^(\d+)\s*([A-Za-z]*)$/.exec(value.trim());
  const factor = m ? UNITS[m[2]!.toUpperCase()] : undefined;
  if (!m || factor === undefined) throw new UsageError(`--size "${value}" is not a size (bytes, or with K, M, G, T)`);
  const bytes = Number(m[1]) * factor;
  if (!Number.isSafeInteger(bytes)) throw new UsageError(`--size "${value}" is too large`);
  if (bytes <= 0) throw new UsageError('--size must be more than 0 bytes');
  return bytes;
}

function checkFormat(value: string | true | undefined): 'qcow2' | 'raw' {
  if (value === undefined) return 'qcow2';
  if (value !== 'qcow2' && value !== 'raw') throw new UsageError(`--format must be qcow2 or raw, got "${String(value)}"`);
  return value;
}

async function listCommand(x: CommandContext): Promise<void> {
  const { volumes } = await listVolumes(clientOf(x), x.operands[0]!);
  if (x.global.json) return printJson(volumes);
  if (volumes.length === 0) {
    process.stdout.write('no volumes\n');
    return;
  }
  printTable(
    ['Name', 'Format', 'Capacity (bytes)', 'Allocation (bytes)', 'Used by', 'Path'],
    volumes.map((v) => [
      v.name,
      v.format,
      String(v.capacity),
      String(v.allocation),
      v.usedBy.map((u) => `${u.name}:${u.target}${u.via ? `(via ${u.via})` : ''}`).join(',') || '-',
      v.path,
    ]),
  );
}

async function createCommand(x: CommandContext): Promise<void> {
  const [pool, name] = [x.operands[0]!, checkNewName(x.operands[1]!, 'volume')];
  const backing = x.opts['--backing'];
  const v = await createVolume(clientOf(x), pool, {
    name,
    format: checkFormat(x.opts['--format']),
    capacity: parseSize(x.opts['--size']),
    ...(typeof backing === 'string' ? { backing } : {}),
  });
  if (x.global.json) return printJson(v);
  process.stdout.write(`Volume '${v.name}' created in pool '${pool}' (${v.format}, ${v.capacity} bytes) at ${v.path}\n`);
}

async function resizeCommand(x: CommandContext): Promise<void> {
  const [pool, name] = [x.operands[0]!, x.operands[1]!];
  const v = await resizeVolume(clientOf(x), pool, name, parseSize(x.opts['--size']), x.opts['--shrink'] === true);
  if (x.global.json) return printJson(v);
  process.stdout.write(`Volume '${v.name}' resized to ${v.capacity} bytes\n`);
}

async function deleteCommand(x: CommandContext): Promise<void> {
  const [pool, name] = [x.operands[0]!, x.operands[1]!];
  const deleted = await deleteVolume(clientOf(x), pool, name, x.opts['--force'] === true);
  if (x.global.json) return printJson({ deleted });
  process.stdout.write(`Volume '${deleted}' deleted from pool '${pool}'\n`);
}

async function cloneCommand(x: CommandContext): Promise<void> {
  const [pool, name, newName] = [x.operands[0]!, x.operands[1]!, checkNewName(x.operands[2]!, 'volume')];
  const v = await cloneVolume(clientOf(x), pool, name, newName);
  if (x.global.json) return printJson(v);
  process.stdout.write(`Volume '${name}' cloned as '${v.name}' at ${v.path}\n`);
}

export const volCommands: CliCommand[] = [
  { path: ['vol', 'list'], operands: ['POOL'], connects: true, run: listCommand },
  {
    path: ['vol', 'create'],
    operands: ['POOL', 'NAME'],
    options: { '--size': 'value', '--format': 'value', '--backing': 'value' },
    connects: true,
    run: createCommand,
  },
  {
    path: ['vol', 'resize'],
    operands: ['POOL', 'NAME'],
    options: { '--size': 'value', '--shrink': 'flag' },
    connects: true,
    run: resizeCommand,
  },
  { path: ['vol', 'delete'], operands: ['POOL', 'NAME'], options: { '--force': 'flag' }, connects: true, run: deleteCommand },
  { path: ['vol', 'clone'], operands: ['POOL', 'NAME', 'NEWNAME'], connects: true, run: cloneCommand },
];
