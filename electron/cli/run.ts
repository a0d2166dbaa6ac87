/** Dispatches one CLI invocation; returns the exit code. */
import { parseArgs, usage, UsageError } from './args.js';
import { openClient } from './connect.js';
import { ExitCode, reportFailure } from './fail.js';
import { followEvents } from './commands/events.js';
import { showHostInfo } from './commands/host.js';
import { listNetworks } from './commands/net.js';
import { listPools } from './commands/pool.js';
import { actOnDomain, isVmAction, listDomains, showDomainStats, showDomainXml } from './commands/vm.js';
import type { LibvirtClient } from '../libvirt/index.js';

type Command = (c: LibvirtClient, operand: string | undefined, json: boolean, signal: AbortSignal) => Promise<void>;

function pickCommand(words: string[]): { run: Command; operand: string | undefined } {
  const [noun, verb, operand, extra] = words;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const key = `${noun ?? ''} ${verb ?? ''}`.trim();
  const table: Record<string, Command> = {
    'host info': (c, _o, json) => showHostInfo(c, json),
    'vm list': (c, _o, json) => listDomains(c, json),
    'vm xml': (c, o) => showDomainXml(c, o),
    'vm stats': (c, _o, json) => showDomainStats(c, json),
    'pool list': (c, _o, json) => listPools(c, json),
    'net list': (c, _o, json) => listNetworks(c, json),
    events: (c, _o, _j, signal) => followEvents(c, signal),
  };
  if (noun === 'events' && verb !== undefined) throw new UsageError('events takes no arguments');
  const run = table[noun === 'events' ? 'events' : key];
  if (run) {
    if (operand !== undefined && !(noun === 'vm' && verb === 'xml')) throw new UsageError(`unexpected argument "${operand}"`);
    return { run, operand };
  }
  if (noun === 'vm' && verb && isVmAction(verb)) return { run: (c, o) => actOnDomain(c, verb, o), operand };
  throw new UsageError(words.length ? `unknown command "${words.join(' ')}"` : 'no command given');
}

export async function runCli(argv: string[], signal: AbortSignal): Promise<number> {
  let client: LibvirtClient | undefined;
  try {
    const { options, words, help } = parseArgs(argv, process.env);
    if (help) {
      process.stdout.write(`${usage}\n`);
      return ExitCode.OK;
    }
    const { run, operand } = pickCommand(words);
    client = await openClient(options);
    await run(client, operand, options.json, signal);
    return ExitCode.OK;
  } catch (err) {
    return reportFailure(err);
  } finally {
    await client?.close();
  }
}
