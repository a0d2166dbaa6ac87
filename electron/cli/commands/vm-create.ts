/**
 * `vm create NAME --memory KiB --vcpus N --disk POOL:SIZE|POOL/VOL [--cdrom POOL/VOL]
 * [--network NET] [--start] [--virt-type kvm|qemu] [--firmware bios|efi]`: the
 * backend's own plan and run (electron/backend/vms/create/), in the foreground,
 * so the app and the CLI check, create and roll back the same way.
 */
import { CreateVmInput, type CreateDiskInput } from '../../../shared/contract/vm-create.js';
import { createLocalControl } from '../../backend/jobs/jobs.js';
import { planVmCreate } from '../../backend/vms/create/plan.js';
import { runVmCreate } from '../../backend/vms/create/run.js';
import { UsageError } from '../args.js';
import { clientOf, type CliCommand, type CommandContext } from '../command.js';
import { printJson } from '../output.js';

const UNITS: Record<string, number> = { '': 1, B: 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** "10G", "512M", "1048576": bytes, with binary K/M/G/T suffixes (KiB, MiB... spelled out too). */
export function parseSizeBytes(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`${option}: "${text}" is not a size such as 10G, 512M or a byte count`);
  const bytes = Math.round(Number(m[1]) * UNITS[m[2]!.toUpperCase()]!);
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new UsageError(`${option}: "${text}" is not a usable size`);
  return bytes;
}

function value(x: CommandContext, option: string): string | undefined {
  const v = x.opts[option];
  if (v === true) throw new UsageError(`${option} needs a value`);
  return v;
}

function count(x: CommandContext, option: string): number {
  const v = value(x, option);
  if (v === undefined) throw new UsageError(`vm create needs ${option}`);
  if (!/^\d+$/.test(v)) throw new UsageError(`${option} needs a whole number, not "${v}"`);
  return Number(v);
}

/** POOL/VOL, split at the first "/" (volume names have none; pool names neither). */
function poolVolume(text: string, option: string): { pool: string; volume: string } {
  const i = text.indexOf('/');
  if (i <= 0 || i === text.length - 1) throw new UsageError(`${option} needs POOL/VOLUME, not "${text}"`);
  return { pool: text.slice(0, i), volume: text.slice(i + 1) };
}

function parseDisk(text: string): CreateDiskInput {
  const colon = text.lastIndexOf(':');
  if (colon > 0 && !text.includes('/')) {
    const pool = text.slice(0, colon);
    return { kind: 'new-volume', pool, capacityBytes: parseSizeBytes(text.slice(colon + 1), '--disk'), format: 'qcow2' };
  }
  if (text.includes('/')) return { kind: 'volume', ...poolVolume(text, '--disk') };
  throw new UsageError(`--disk needs POOL:SIZE (a new volume) or POOL/VOLUME (an existing one), not "${text}"`);
}

function choice<T extends string>(x: CommandContext, option: string, allowed: readonly T[]): T | undefined {
  const v = value(x, option);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${option} is one of ${allowed.join(', ')}, not "${v}"`);
  return v as T;
}

/** The request, checked by the contract's own schema (the app's input goes through the same one). */
function parseRequest(x: CommandContext) {
  const disk = value(x, '--disk');
  if (disk === undefined) throw new UsageError('vm create needs --disk POOL:SIZE or POOL/VOLUME');
  const cdrom = value(x, '--cdrom');
  const network = value(x, '--network');
  const virtType = choice(x, '--virt-type', ['kvm', 'qemu'] as const);
  const firmware = choice(x, '--firmware', ['bios', 'efi'] as const);
  const parsed = CreateVmInput.safeParse({
    connectionId: 'cli',
    name: x.operands[0],
    vcpus: count(x, '--vcpus'),
    memoryKiB: count(x, '--memory'),
    disk: parseDisk(disk),
    ...(cdrom !== undefined ? { cdrom: poolVolume(cdrom, '--cdrom') } : {}),
    ...(network !== undefined ? { network } : {}),
    ...(virtType ? { virtType } : {}),
    ...(firmware ? { firmware } : {}),
    start: x.opts['--start'] === true,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    const option = { name: 'NAME', vcpus: '--vcpus', memoryKiB: '--memory', network: '--network' }[field] ?? `--${field.split('.')[0]}`;
    throw new UsageError(`${option}: ${issue.message}`);
  }
  return parsed.data;
}

async function createCommand(x: CommandContext): Promise<void> {
  const req = parseRequest(x);
  const c = clientOf(x);
  const plan = await planVmCreate(c, req);
  const tty = process.stderr.isTTY;
  const ctl = createLocalControl((p) => {
    if (tty && p.phase) process.stderr.write(`\r\x1b[K${p.phase}`);
  });
  try {
    const r = await runVmCreate(c, plan, ctl);
    if (tty) process.stderr.write('\r\x1b[K');
    if (x.global.json) return printJson(r);
    process.stdout.write(`Domain '${r.name}' created (${r.uuid})${r.started ? ' and started' : ''}\n`);
  } catch (e) {
    if (tty) process.stderr.write('\r\x1b[K');
    throw e;
  }
}

export const vmCreateCommand: CliCommand = {
  path: ['vm', 'create'],
  operands: ['NAME'],
  options: {
    '--memory': 'value',
    '--vcpus': 'value',
    '--disk': 'value',
    '--cdrom': 'value',
    '--network': 'value',
    '--start': 'flag',
    '--virt-type': 'value',
    '--firmware': 'value',
  },
  connects: true,
  run: createCommand,
};
