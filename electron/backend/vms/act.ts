/** Lifecycle actions on one domain, by UUID. */
import type { Vm, VmAction } from '../../../shared/types.js';
import { api, isNoDomain, type Dom, type RpcCaller } from '../../libvirt/index.js';
import { readVm } from './read.js';

/** The libvirt call behind each contract action; the CLI uses the same table. */
export const VM_ACTIONS: Record<VmAction, (c: RpcCaller, dom: Dom) => Promise<unknown>> = {
  start: (c, dom) => api.startDomain(c, dom),
  shutdown: (c, dom) => api.shutdownDomain(c, dom),
  reboot: (c, dom) => api.rebootDomain(c, dom),
  // A hard reset, like the reset button: the guest is not asked.
  reset: (c, dom) => api.resetDomain(c, dom),
  destroy: (c, dom) => api.destroyDomain(c, dom),
  suspend: (c, dom) => api.suspendDomain(c, dom),
  resume: (c, dom) => api.resumeDomain(c, dom),
};

export async function getVm(c: RpcCaller, connectionId: string, uuid: string): Promise<Vm> {
  return readVm(c, connectionId, await api.lookupDomainByUuid(c, uuid));
}

/**
 * Runs the action and returns the domain as it is right after. Shutdown and
 * reboot only ask the guest, so their Vm usually still says "running"; the
 * lifecycle events bring the later states.
 */
export async function actOnVm(c: RpcCaller, connectionId: string, uuid: string, action: VmAction): Promise<Vm> {
  const dom = await api.lookupDomainByUuid(c, uuid);
  const before = await readVm(c, connectionId, dom);
  await VM_ACTIONS[action](c, dom);
  try {
    // Look it up again: starting gives the domain a new id.
    return await readVm(c, connectionId, await api.lookupDomainByUuid(c, uuid));
  } catch (e) {
    // A transient domain ceases to exist when it stops: report it as it was last seen, shut off.
    if (isNoDomain(e)) return { ...before, id: -1, state: 'shutoff' };
    throw e;
  }
}
