/** `vm info NAME [--json]`: the overview of a machine's page, from the backend's own details reader. */
import { lookupDomainByName, uuidToString, type RpcCaller } from '../../libvirt/index.js';
import { readVmDetails } from '../../backend/vms/details.js';
import type { VmDetails } from '../../../shared/contract/vm-details.js';
import { printJson } from '../output.js';

/** The fields `vm info --json` promises scripts. */
export function toInfoJson(d: VmDetails) {
  return {
    name: d.name,
    uuid: d.uuid,
    state: d.state,
    vcpus: d.vcpus,
    maxVcpus: d.maxVcpus,
    memoryKiB: d.memoryKiB,
    maxMemoryKiB: d.maxMemoryKiB,
    autostart: d.autostart,
    persistent: d.persistent,
    disks: d.disks.map(({ target, source, format, capacity, allocation }) => ({ target, source, format, capacity, allocation })),
    nics: d.nics.map((n) => ({
      mac: n.mac,
      network: n.network ?? n.bridge,
      addresses: n.addresses.map(({ address, prefix, source }) => ({ address, prefix, source })),
    })),
  };
}

function printText(d: VmDetails): void {
  const rows: [string, string | number][] = [
    ['Name', d.name],
    ['UUID', d.uuid],
    ['Host', d.host],
    ['State', `${d.state} (${d.stateReason})`],
    ['vCPUs', `${d.vcpus} of ${d.maxVcpus}`],
    ['Memory (KiB)', `${d.memoryKiB} of ${d.maxMemoryKiB}`],
    ['Machine', `${d.machineType ?? '-'} (${d.arch ?? '-'}, ${d.firmware})`],
    ['Boot order', d.bootOrder.join(', ') || '-'],
    ['Autostart', d.autostart ? 'yes' : 'no'],
    ['Persistent', d.persistent ? 'yes' : 'no'],
    ['Managed save', d.managedSave ? 'yes' : 'no'],
  ];
  for (const [k, v] of rows) process.stdout.write(`${`${k}:`.padEnd(15)} ${v}\n`);
  for (const x of d.disks) {
    process.stdout.write(
      `Disk ${x.target}: ${x.device} ${x.source ?? '(empty)'} ${x.format ?? ''} ${x.capacity ?? '?'} bytes${x.pool ? ` [pool ${x.pool}]` : ''}\n`,
    );
  }
  for (const n of d.nics) {
    const addrs = n.addresses.map((a) => `${a.address}/${a.prefix} (${a.source})`).join(', ');
    process.stdout.write(`NIC ${n.mac ?? '?'}: ${n.type} ${n.network ?? n.bridge ?? '-'} ${n.model ?? ''}${addrs ? ` ${addrs}` : ''}\n`);
  }
}

export async function showDomainInfo(c: RpcCaller, name: string, json: boolean): Promise<void> {
  const dom = await lookupDomainByName(c, name);
  const details = await readVmDetails(c, 'cli', uuidToString(dom.uuid));
  if (json) printJson(toInfoJson(details));
  else printText(details);
}
