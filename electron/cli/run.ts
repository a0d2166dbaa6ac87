/** Dispatches one CLI invocation; returns the exit code. */
import { parseArgs, parseCommandArgs, usage, UsageError } from './args.js';
import { clientOf, type CliCommand } from './command.js';
import { openClient } from './connect.js';
import { ExitCode, reportFailure } from './fail.js';
import { listAlertsCommand } from './commands/alerts.js';
import { analyticsCommands } from './commands/analytics.js';
import { exportAuditCommand } from './commands/audit.js';
import { followEvents } from './commands/events.js';
import { showHostInfo } from './commands/host.js';
import { queryMetricsCommand } from './commands/metrics.js';
import { netCommands } from './commands/net.js';
import { poolCommands } from './commands/pool.js';
import { volCommands } from './commands/vol.js';
import { vmCreateCommand } from './commands/vm-create.js';
import { vmSnapshotCommands } from './commands/vm-snapshot.js';
import { templateCommands } from './commands/template.js';
import { migrationCommands } from './commands/migrate.js';
import { volTransferCommands } from './commands/vol-transfer.js';
import { actOnDomain, isVmAction, listDomains, showDomainStats, showDomainXml, VM_ACTION_NAMES } from './commands/vm.js';
import { showDomainInfo } from './commands/vm-info.js';
import { cloneDomain, deleteDomain, saveDomainState } from './commands/vm-lifecycle.js';
import { setDomainResources } from './commands/vm-set.js';
import type { LibvirtClient } from '../libvirt/index.js';

const COMMANDS: CliCommand[] = [
  { path: ['host', 'info'], operands: [], connects: true, run: (x) => showHostInfo(clientOf(x), x.global.json) },
  { path: ['vm', 'list'], operands: [], connects: true, run: (x) => listDomains(clientOf(x), x.global.json) },
  { path: ['vm', 'xml'], operands: ['NAME'], connects: true, run: (x) => showDomainXml(clientOf(x), x.operands[0]) },
  { path: ['vm', 'stats'], operands: [], connects: true, run: (x) => showDomainStats(clientOf(x), x.global.json) },
  ...VM_ACTION_NAMES.map((verb): CliCommand => ({
    path: ['vm', verb],
    operands: ['NAME'],
    connects: true,
    run: (x) => actOnDomain(clientOf(x), verb, x.operands[0]),
  })),
  { path: ['vm', 'info'], operands: ['NAME'], connects: true, run: (x) => showDomainInfo(clientOf(x), x.operands[0]!, x.global.json) },
  {
    path: ['vm', 'set'],
    operands: ['NAME'],
    options: { '--vcpus': 'value', '--memory': 'value', '--live': 'flag', '--config': 'flag' },
    connects: true,
    run: (x) => setDomainResources(clientOf(x), x.operands[0]!, x.opts),
  },
  {
    path: ['vm', 'clone'],
    operands: ['NAME', 'NEWNAME'],
    connects: true,
    run: (x) => cloneDomain(clientOf(x), x.operands[0]!, x.operands[1]!),
  },
  {
    path: ['vm', 'delete'],
    operands: ['NAME'],
    options: { '--with-storage': 'flag', '--force': 'flag' },
    connects: true,
    run: (x) => deleteDomain(clientOf(x), x.operands[0]!, x.opts['--with-storage'] === true, x.opts['--force'] === true),
  },
  { path: ['vm', 'managedsave'], operands: ['NAME'], connects: true, run: (x) => saveDomainState(clientOf(x), x.operands[0]!) },
  ...poolCommands,
  ...volCommands,
  { path: ['events'], operands: [], connects: true, run: (x) => followEvents(clientOf(x), x.signal) },
  queryMetricsCommand,
  listAlertsCommand,
  vmCreateCommand,
  ...vmSnapshotCommands,
  ...netCommands,
  exportAuditCommand,
  ...analyticsCommands,
  ...volTransferCommands,
  ...templateCommands,
  ...migrationCommands,
];

/** The command whose path the words start with (the longest match), and the words after it. */
function pickCommand(words: string[]): { cmd: CliCommand; rest: string[] } {
  let best: CliCommand | undefined;
  for (const c of COMMANDS) {
    if (c.path.every((w, i) => words[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  if (!best) {
    const [noun, verb] = words;
    if (noun === 'vm' && verb && !isVmAction(verb)) throw new UsageError(`unknown vm command "${verb}"`);
    throw new UsageError(words.length ? `unknown command "${words.join(' ')}"` : 'no command given');
  }
  return { cmd: best, rest: words.slice(best.path.length) };
}

export async function runCli(argv: string[], signal: AbortSignal): Promise<number> {
  let client: LibvirtClient | undefined;
  try {
    const { options, words, help } = parseArgs(argv, process.env);
    if (help) {
      process.stdout.write(`${usage}\n`);
      return ExitCode.OK;
    }
    const { cmd, rest } = pickCommand(words);
    const label = cmd.path.join(' ');
    const args = parseCommandArgs(rest, cmd.options ?? {}, label);
    const required = cmd.operands.length - (cmd.optional ?? 0);
    if (args.operands.length > cmd.operands.length) throw new UsageError(`unexpected argument "${args.operands[cmd.operands.length]}"`);
    if (args.operands.length < required)
      throw new UsageError(`${label} needs ${cmd.operands.slice(args.operands.length, required).join(' ')}`);
    if (cmd.connects) client = await openClient(options);
    await cmd.run({ ...args, global: options, signal, client });
    return ExitCode.OK;
  } catch (err) {
    return reportFailure(err);
  } finally {
    await client?.close();
  }
}
