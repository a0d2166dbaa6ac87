/** vms.details: one machine in full, read in one burst of pipelined calls. */
import type { Uptime, VmDetails } from '../../../shared/contract/vm-details.js';
import type { VmState } from '../../../shared/types.js';
import { api, uuidToString, type RpcCaller } from '../../libvirt/index.js';
import type { DomainModel } from '../xml/index.js';
import { findDomain, readModel } from './common.js';
import { describeDisk, describeNics } from './details-devices.js';
import { describeStateReason } from './state-reason.js';

const STATES: readonly VmState[] = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed', 'pmsuspended'];

/** Tells when a running machine started, as far as the caller knows (the backend's tracker; the CLI knows nothing). */
export type UptimeSource = (connectionId: string, uuid: string, domainId: number, running: boolean) => Uptime;

const NO_UPTIME: UptimeSource = () => ({ since: null, source: 'unknown' });

/** Boot order as words: the per-device orders when the domain has them, else <os><boot dev>. */
function describeBootOrder(m: DomainModel): string[] {
  if (m.bootOrder.length > 0) return m.bootOrder.map((b) => `${b.kind} ${b.target}`);
  return m.os.bootDevices;
}

export async function readVmDetails(
  c: RpcCaller,
  connectionId: string,
  uuid: string,
  uptimeOf: UptimeSource = NO_UPTIME,
): Promise<VmDetails> {
  const dom = await findDomain(c, uuid);
  const [model, state, info, autostart, persistent, managedSave, host] = await Promise.all([
    readModel(c, dom),
    api.getDomainState(c, dom),
    api.getDomainInfo(c, dom),
    api.getDomainAutostart(c, dom),
    api.isDomainPersistent(c, dom),
    api.hasManagedSaveImage(c, dom).catch(() => false),
    api.getHostname(c),
  ]);
  const running = model.id !== undefined;
  const [disks, nics] = await Promise.all([
    Promise.all(model.disks.map((d) => describeDisk(c, dom, d))),
    describeNics(c, dom, model.interfaces, running),
  ]);
  return {
    connectionId,
    uuid: uuidToString(dom.uuid),
    name: dom.name,
    title: model.title ?? null,
    description: model.description ?? null,
    host,
    state: STATES[state.state] ?? 'nostate',
    stateReason: describeStateReason(state.state, state.reason),
    uptime: uptimeOf(connectionId, uuid, model.id ?? -1, running),
    vcpus: running ? info.vcpus : model.vcpu.current,
    maxVcpus: model.vcpu.max,
    memoryKiB: Number(info.memoryKiB),
    maxMemoryKiB: Number(info.maxMemKiB),
    machineType: model.os.machine ?? null,
    arch: model.os.arch ?? null,
    firmware: model.os.firmware === 'efi' ? 'uefi' : 'bios',
    bootOrder: describeBootOrder(model),
    autostart,
    persistent,
    managedSave,
    disks,
    nics,
  };
}
