/**
 * `vm snapshot list|create|revert|delete`: the backend's own snapshot core
 * (electron/backend/snapshots/core.ts) over the CLI's client, so the app and
 * the CLI take, list, revert and delete snapshots the same way.
 */
import type { Snapshot } from '../../../shared/contract/snapshots.js';
import { snapshotNameProblem } from '../../../shared/contract/snapshot-name.js';
import { createSnapshot, deleteSnapshot, listSnapshotTree, revertSnapshot } from '../../backend/snapshots/core.js';
import { lookupDomainByName, uuidToString, type RpcCaller } from '../../libvirt/index.js';
import { UsageError } from '../args.js';
import { clientOf, type CliCommand, type CommandContext } from '../command.js';
import { printJson, printTable } from '../output.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function checkSnapshotName(name: string): string {
  const problem = snapshotNameProblem(name);
  if (problem) throw new UsageError(`invalid snapshot name "${name.replace(CONTROL, '?')}": ${problem}`);
  return name;
}

function checkDescription(text: string | true | undefined): string | undefined {
  if (text === undefined || text === true) return undefined;
  if (text.length > 1000) throw new UsageError('--description is at most 1000 characters');
  if (CONTROL.test(text)) throw new UsageError('--description must not contain control characters');
  return text;
}

async function uuidOf(c: RpcCaller, name: string): Promise<string> {
  return uuidToString((await lookupDomainByName(c, name)).uuid);
}

function printTree(snapshots: Snapshot[]): void {
  if (snapshots.length === 0) {
    process.stdout.write('no snapshots\n');
    return;
  }
  printTable(
    ['Name', 'Created', 'State', 'Memory', 'Current', 'Description'],
    snapshots.map((s) => [
      `${'  '.repeat(s.depth)}${s.name}`,
      new Date(s.createdAt).toISOString(),
      s.state,
      s.withMemory ? 'yes' : 'no',
      s.current ? '*' : '',
      s.description ?? '',
    ]),
  );
}

async function listCommand(x: CommandContext): Promise<void> {
  const c = clientOf(x);
  const tree = await listSnapshotTree(c, await uuidOf(c, x.operands[0]!));
  if (x.global.json) return printJson(tree.snapshots);
  printTree(tree.snapshots);
}

async function createCommand(x: CommandContext): Promise<void> {
  const c = clientOf(x);
  const [vm, snap] = [x.operands[0]!, checkSnapshotName(x.operands[1]!)];
  const description = checkDescription(x.opts['--description']);
  const made = await createSnapshot(c, await uuidOf(c, vm), {
    name: snap,
    memory: x.opts['--memory'] === true,
    ...(description !== undefined ? { description } : {}),
  });
  if (x.global.json) return printJson(made);
  process.stdout.write(`Domain snapshot '${made.name}' of '${vm}' created${made.withMemory ? ' (with memory)' : ''}\n`);
}

async function revertCommand(x: CommandContext): Promise<void> {
  const c = clientOf(x);
  const [vm, snap] = [x.operands[0]!, checkSnapshotName(x.operands[1]!)];
  const after = await revertSnapshot(c, 'cli', await uuidOf(c, vm), snap);
  if (x.global.json) return printJson({ name: after.name, uuid: after.uuid, state: after.state });
  process.stdout.write(`Domain '${vm}' reverted to snapshot '${snap}' (now ${after.state})\n`);
}

async function deleteCommand(x: CommandContext): Promise<void> {
  const c = clientOf(x);
  const [vm, snap] = [x.operands[0]!, checkSnapshotName(x.operands[1]!)];
  const deleted = await deleteSnapshot(c, await uuidOf(c, vm), snap, x.opts['--children'] === true);
  if (x.global.json) return printJson({ deleted });
  const names = deleted.map((n) => `'${n}'`).join(', ');
  process.stdout.write(`Domain snapshot${deleted.length > 1 ? 's' : ''} ${names} of '${vm}' deleted\n`);
}

export const vmSnapshotCommands: CliCommand[] = [
  { path: ['vm', 'snapshot', 'list'], operands: ['NAME'], connects: true, run: listCommand },
  {
    path: ['vm', 'snapshot', 'create'],
    operands: ['NAME', 'SNAP'],
    options: { '--memory': 'flag', '--description': 'value' },
    connects: true,
    run: createCommand,
  },
  { path: ['vm', 'snapshot', 'revert'], operands: ['NAME', 'SNAP'], connects: true, run: revertCommand },
  { path: ['vm', 'snapshot', 'delete'], operands: ['NAME', 'SNAP'], options: { '--children': 'flag' }, connects: true, run: deleteCommand },
];
