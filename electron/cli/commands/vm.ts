import { getAllDomainStats, getDomainXml, lookupDomainByName, type RpcCaller, statsToRecord, uuidToString } from '../../libvirt/index.js';
import { VM_ACTIONS } from '../../backend/vms/act.js';
import { listVms } from '../../backend/vms/read.js';
import type { VmAction } from '../../../shared/types.js';
import { UsageError } from '../args.js';
import { printJson, printTable } from '../output.js';

export async function listDomains(c: RpcCaller, json: boolean): Promise<void> {
  const vms = (await listVms(c, 'cli')).sort((a, b) => a.name.localeCompare(b.name));
  const rows = vms.map(({ name, uuid, id, state, vcpus, memoryKiB, maxMemoryKiB, persistent, autostart }) => ({
    name,
    uuid,
    id,
    state,
    vcpus,
    memoryKiB,
    maxMemoryKiB,
    persistent,
    autostart,
  }));
  if (json) return printJson(rows);
  printTable(
    ['Id', 'Name', 'State', 'vCPUs', 'Memory (KiB)', 'Persistent', 'Autostart'],
    rows.map((v) => [
      v.id < 0 ? '-' : v.id,
      v.name,
      v.state,
      v.vcpus,
      v.memoryKiB,
      v.persistent ? 'yes' : 'no',
      v.autostart ? 'yes' : 'no',
    ]),
  );
}

const past: Record<VmAction, string> = {
  start: 'started',
  shutdown: 'is being shut down',
  reboot: 'is being rebooted',
  reset: 'was reset',
  destroy: 'destroyed',
  suspend: 'suspended',
  resume: 'resumed',
};

/** The lifecycle verbs, from the backend's own action table. */
export const VM_ACTION_NAMES = Object.keys(VM_ACTIONS) as VmAction[];

// Checked against the table, not the zod enum: loading zod would add ~80 ms to every CLI run.
export function isVmAction(verb: string): verb is VmAction {
  return Object.hasOwn(VM_ACTIONS, verb);
}

export async function actOnDomain(c: RpcCaller, verb: string, name: string | undefined): Promise<void> {
  if (!isVmAction(verb)) throw new UsageError(`unknown vm command "${verb}"`);
  if (!name) throw new UsageError(`vm ${verb} needs a domain name`);
  const dom = await lookupDomainByName(c, name);
  await VM_ACTIONS[verb](c, dom);
  process.stdout.write(`Domain '${dom.name}' ${past[verb]}\n`);
}

export async function showDomainXml(c: RpcCaller, name: string | undefined): Promise<void> {
  if (!name) throw new UsageError('vm xml needs a domain name');
  const xml = await getDomainXml(c, await lookupDomainByName(c, name));
  process.stdout.write(xml.endsWith('\n') ? xml : `${xml}\n`);
}

/** One bulk sweep: every stat group the driver supports, every domain. */
export async function showDomainStats(c: RpcCaller, json: boolean): Promise<void> {
  const recs = await getAllDomainStats(c);
  const out = recs.map((r) => ({ name: r.dom.name, uuid: uuidToString(r.dom.uuid), stats: statsToRecord(r) }));
  if (json) return printJson(out);
  for (const d of out) {
    process.stdout.write(`Domain: '${d.name}'\n`);
    for (const [k, v] of Object.entries(d.stats)) process.stdout.write(`  ${k}=${String(v)}\n`);
    process.stdout.write('\n');
  }
}
