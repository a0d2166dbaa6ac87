/**
 * `pool list|create|delete|refresh`: the backend's own storage core
 * (electron/backend/storage/) over the CLI's client, so the app and the CLI
 * list, create and delete pools the same way and refuse the same things.
 */
import { hostPathProblem, storageNameProblem } from '../../../shared/contract/storage.js';
import { createPool } from '../../backend/storage/pool-create.js';
import { deletePool, listPools, refreshPool } from '../../backend/storage/pools.js';
import { UsageError } from '../args.js';
import { clientOf, type CliCommand, type CommandContext } from '../command.js';
import { printJson, printTable } from '../output.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A new pool's or volume's name, refused here with the rule the app's forms use. */
export function checkNewName(name: string, what: string): string {
  const problem = storageNameProblem(name);
  if (problem) throw new UsageError(`invalid ${what} name "${name.replace(CONTROL, '?')}": ${problem}`);
  return name;
}

function checkPathOption(value: string | true | undefined, option: string): string {
  if (typeof value !== 'string') throw new UsageError(`${option} PATH is required`);
  const problem = hostPathProblem(value);
  if (problem) throw new UsageError(`${option} "${value.replace(CONTROL, '?')}" ${problem}`);
  return value;
}

async function listCommand(x: CommandContext): Promise<void> {
  const rows = await listPools(clientOf(x));
  if (x.global.json) return printJson(rows);
  printTable(
    ['Name', 'Type', 'State', 'Autostart', 'Capacity (bytes)', 'Allocation (bytes)', 'Available (bytes)', 'Volumes'],
    rows.map((r) => [
      r.name,
      r.type,
      r.state,
      r.autostart ? 'yes' : 'no',
      String(r.capacity),
      String(r.allocation),
      String(r.available),
      r.volumeCount === null ? '-' : String(r.volumeCount),
    ]),
  );
}

async function createCommand(x: CommandContext): Promise<void> {
  const name = checkNewName(x.operands[0]!, 'pool');
  const type = x.opts['--type'] ?? 'dir';
  if (type !== 'dir')
    throw new UsageError(`pool create makes dir pools (--type dir); other types are created in the app, got "${String(type)}"`);
  const targetPath = checkPathOption(x.opts['--target'], '--target');
  const row = await createPool(
    clientOf(x),
    { type: 'dir', name, targetPath },
    { build: true, start: true, autostart: x.opts['--autostart'] === true },
  );
  if (x.global.json) return printJson(row);
  process.stdout.write(`Pool '${row.name}' created at ${row.targetPath ?? targetPath} (${row.state})\n`);
}

async function deleteCommand(x: CommandContext): Promise<void> {
  const r = await deletePool(clientOf(x), x.operands[0]!, x.opts['--with-volumes'] === true);
  if (x.global.json) return printJson(r);
  const vols = r.volumesDeleted.length
    ? ` with its ${r.volumesDeleted.length === 1 ? 'volume' : 'volumes'} ${r.volumesDeleted.map((v) => `'${v}'`).join(', ')}`
    : '';
  process.stdout.write(`Pool '${r.deleted}' deleted${vols}\n`);
}

async function refreshCommand(x: CommandContext): Promise<void> {
  const row = await refreshPool(clientOf(x), x.operands[0]!);
  if (x.global.json) return printJson(row);
  process.stdout.write(`Pool '${row.name}' refreshed: ${row.volumeCount ?? 0} volumes, ${row.available} bytes available\n`);
}

export const poolCommands: CliCommand[] = [
  { path: ['pool', 'list'], operands: [], connects: true, run: listCommand },
  {
    path: ['pool', 'create'],
    operands: ['NAME'],
    options: { '--type': 'value', '--target': 'value', '--autostart': 'flag' },
    connects: true,
    run: createCommand,
  },
  { path: ['pool', 'delete'], operands: ['NAME'], options: { '--with-volumes': 'flag' }, connects: true, run: deleteCommand },
  { path: ['pool', 'refresh'], operands: ['NAME'], connects: true, run: refreshCommand },
];
