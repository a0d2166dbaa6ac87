/** `vm set NAME [--vcpus N] [--memory KiB] [--live|--config]`: the backend's resource change, reported as it applied. */
import { lookupDomainByName, uuidToString, type RpcCaller } from '../../libvirt/index.js';
import { setVmResources } from '../../backend/vms/resources.js';
import type { ChangeMode } from '../../../shared/contract/vm-config.js';
import { UsageError } from '../args.js';

function positiveInt(v: string | true | undefined, option: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`${option} needs a positive integer`);
  return Number(v);
}

export async function setDomainResources(c: RpcCaller, name: string, opts: Record<string, string | true>): Promise<void> {
  const vcpus = positiveInt(opts['--vcpus'], '--vcpus');
  const memoryKiB = positiveInt(opts['--memory'], '--memory');
  if (vcpus === undefined && memoryKiB === undefined) throw new UsageError('vm set needs --vcpus N, --memory KiB or both');
  if (opts['--live'] && opts['--config']) throw new UsageError('--live and --config exclude each other (give neither for both)');
  const mode: ChangeMode = opts['--live'] ? 'live' : opts['--config'] ? 'config' : 'auto';
  const dom = await lookupDomainByName(c, name);
  const r = await setVmResources(c, uuidToString(dom.uuid), { vcpus, memoryKiB, mode });
  if (r.vcpus) process.stdout.write(`vCPUs set to ${vcpus} (${r.vcpus.applied}: ${r.vcpus.reason})\n`);
  if (r.memory) process.stdout.write(`Memory set to ${memoryKiB} KiB (${r.memory.applied}: ${r.memory.reason})\n`);
}
