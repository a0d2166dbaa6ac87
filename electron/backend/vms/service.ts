/** vms.list / vms.get / vms.act over the connected hosts. */
import type { Vm, VmAction } from '../../../shared/types.js';
import { ConnectionError } from '../../libvirt/index.js';
import { AppError } from '../errors.js';
import type { HostRegistry } from '../hosts/registry.js';
import type { Logger } from '../log.js';
import { actOnVm, getVm } from './act.js';
import { listVms } from './read.js';

export type VmsService = ReturnType<typeof createVmsService>;

export function createVmsService(hosts: HostRegistry, log: Logger) {
  return {
    /**
     * One host's VMs, or every connected host's. For "every", a host that
     * drops out mid-listing is skipped (its connection.changed says why)
     * rather than failing the whole list.
     */
    async list(connectionId?: string): Promise<Vm[]> {
      if (connectionId !== undefined) return listVms(hosts.client(connectionId), connectionId);
      const perHost = await Promise.all(
        hosts.connectedIds().map(async (id) => {
          try {
            return await listVms(hosts.client(id), id);
          } catch (e) {
            const lost = e instanceof ConnectionError || (e instanceof AppError && e.code === 'not-connected');
            if (!lost) throw e;
            log.warn(`listing the VMs of connection ${id} failed: ${e.message}`);
            return [];
          }
        }),
      );
      return perHost.flat();
    },

    get: (connectionId: string, uuid: string): Promise<Vm> => getVm(hosts.client(connectionId), connectionId, uuid),

    act: (connectionId: string, uuid: string, action: VmAction): Promise<Vm> =>
      actOnVm(hosts.client(connectionId), connectionId, uuid, action),
  };
}
