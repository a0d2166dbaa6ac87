/**
 * `net list|create|start|stop|delete|leases`: the backend's own network core
 * (electron/backend/networks/core.ts) over the CLI's client, so the app and
 * the CLI validate, define and delete networks the same way.
 */
import { NETWORK_CREATE_MODES, NetworkCreateInput, type NetworkCreateMode } from '../../../shared/contract/networks.js';
import { networkNameProblem, splitDhcpRange } from '../../../shared/contract/network-rules.js';
import { createNetwork, deleteNetwork, getNetworkDetail, listNetworks, startNetwork, stopNetwork } from '../../backend/networks/core.js';
import { AppError } from '../../backend/errors.js';
import { UsageError } from '../args.js';
import { clientOf, type CliCommand, type CommandContext } from '../command.js';
import { printJson, printTable } from '../output.js';

/** The CLI has no connection record: its rows carry this as their connectionId. */
const CLI_CONNECTION = 'cli';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const shown = (s: string) => s.replace(CONTROL, '?');

function checkNetworkName(name: string): string {
  const problem = networkNameProblem(name);
  if (problem) throw new UsageError(`invalid network name "${shown(name)}": ${problem}`);
  return name;
}

const addresses = (ips: { address: string; prefix: number | null; dhcpRanges: { start: string; end: string }[] }[]) =>
  ips.map((ip) => `${ip.address}/${ip.prefix ?? '?'}${ip.dhcpRanges.map((r) => ` dhcp ${r.start}-${r.end}`).join('')}`).join(', ');

async function listCommand(x: CommandContext): Promise<void> {
  const rows = await listNetworks(clientOf(x), CLI_CONNECTION);
  if (x.global.json) return printJson(rows.map(({ connectionId: _, ...r }) => r));
  printTable(
    ['Name', 'Mode', 'State', 'Autostart', 'Persistent', 'Bridge', 'IPv4'],
    rows.map((r) => [
      r.name,
      r.mode,
      r.active ? 'active' : 'inactive',
      r.autostart ? 'yes' : 'no',
      r.persistent ? 'yes' : 'no',
      r.bridge ?? '-',
      addresses(r.ips.filter((ip) => ip.family === 'ipv4')) || '-',
    ]),
  );
}

function value(x: CommandContext, opt: string): string | undefined {
  const v = x.opts[opt];
  return v === true ? undefined : v;
}

async function createCommand(x: CommandContext): Promise<void> {
  const name = checkNetworkName(x.operands[0]!);
  const mode = value(x, '--mode');
  if (mode === undefined) throw new UsageError(`net create needs --mode ${NETWORK_CREATE_MODES.join('|')}`);
  if (!(NETWORK_CREATE_MODES as readonly string[]).includes(mode))
    throw new UsageError(`--mode must be one of ${NETWORK_CREATE_MODES.join(', ')}, not "${shown(mode)}"`);
  const dhcpText = value(x, '--dhcp');
  const dhcp = dhcpText === undefined ? undefined : splitDhcpRange(dhcpText);
  if (dhcpText !== undefined && !dhcp)
    throw new UsageError(`--dhcp takes START-END, such as 10.213.5.100-10.213.5.199, not "${shown(dhcpText)}"`);
  // The contract's own schema: the same checks (CIDR, range inside the subnet...) the app's dialog gets.
  const parsed = NetworkCreateInput.safeParse({
    connectionId: CLI_CONNECTION,
    name,
    mode: mode as NetworkCreateMode,
    cidr: value(x, '--ip'),
    dhcp,
    start: x.opts['--start'] === true,
    autostart: x.opts['--autostart'] === true,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const option = { cidr: '--ip', dhcp: '--dhcp', name: 'NAME', mode: '--mode' }[String(issue.path[0])] ?? String(issue.path[0]);
    throw new UsageError(`${option}: ${issue.message}`);
  }
  const { connectionId: _, ...req } = parsed.data;
  const made = await createNetwork(clientOf(x), CLI_CONNECTION, req);
  if (x.global.json) return printJson(made);
  process.stdout.write(`Network '${made.name}' created (${made.mode}${made.active ? ', started' : ''})\n`);
}

async function startCommand(x: CommandContext): Promise<void> {
  const n = await startNetwork(clientOf(x), CLI_CONNECTION, checkNetworkName(x.operands[0]!));
  process.stdout.write(`Network '${n.name}' started\n`);
}

async function stopCommand(x: CommandContext): Promise<void> {
  const n = await stopNetwork(clientOf(x), CLI_CONNECTION, checkNetworkName(x.operands[0]!));
  process.stdout.write(`Network '${n.name}' stopped\n`);
}

async function deleteCommand(x: CommandContext): Promise<void> {
  const { deleted } = await deleteNetwork(clientOf(x), checkNetworkName(x.operands[0]!));
  if (x.global.json) return printJson({ deleted });
  process.stdout.write(`Network '${deleted}' deleted\n`);
}

async function leasesCommand(x: CommandContext): Promise<void> {
  const { leases, leasesSupported } = await getNetworkDetail(clientOf(x), CLI_CONNECTION, checkNetworkName(x.operands[0]!));
  if (!leasesSupported) throw new AppError('unsupported', "This host's driver keeps no DHCP lease table (libvirt's test driver, say).");
  if (x.global.json) return printJson(leases);
  if (leases.length === 0) {
    process.stdout.write('no leases\n');
    return;
  }
  printTable(
    ['MAC', 'IP', 'Hostname', 'Expires', 'Machine'],
    leases.map((l) => [
      l.mac ?? '-',
      `${l.ip}/${l.prefix}`,
      l.hostname ?? '-',
      new Date(l.expiresAt).toISOString(),
      l.machine?.name ?? '-',
    ]),
  );
}

export const netCommands: CliCommand[] = [
  { path: ['net', 'list'], operands: [], connects: true, run: listCommand },
  {
    path: ['net', 'create'],
    operands: ['NAME'],
    options: { '--mode': 'value', '--ip': 'value', '--dhcp': 'value', '--start': 'flag', '--autostart': 'flag' },
    connects: true,
    run: createCommand,
  },
  { path: ['net', 'start'], operands: ['NAME'], connects: true, run: startCommand },
  { path: ['net', 'stop'], operands: ['NAME'], connects: true, run: stopCommand },
  { path: ['net', 'delete'], operands: ['NAME'], connects: true, run: deleteCommand },
  { path: ['net', 'leases'], operands: ['NAME'], connects: true, run: leasesCommand },
];
