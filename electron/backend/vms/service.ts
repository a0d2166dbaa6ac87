/** vms.list / vms.get / vms.act over the connected hosts. */
import type { Vm, VmAction } from '../../../shared/types.js';
import { ConnectionError } from '../../libvirt/errors.js';
import { AppError } from '../errors.js';
import type { ConnectionsService } from '../hosts/service.js';
import type { Logger } from '../log.js';
import { actOnVm, getVm } from './act.js';
import { listVms } from './read.js';

export type VmsService = ReturnType<typeof createVmsService>;

export function createVmsService(connections: ConnectionsService, log: Logger) {
  return {
    /**
     * One host's VMs, or every connected host's. For "every", a host that
     * drops out mid-listing is skipped (its connection.changed says why)
     * rather than failing the whole list.
     */
    async list(connectionId?: string): Promise<Vm[]> {
      if (connectionId !== undefined) return listVms(connections.caller(connectionId), connectionId);
      const perHost = await Promise.all(
        connections.connectedIds().map(async (id) => {
          try {
            return await listVms(connections.caller(id), id);
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

    get: (connectionId: string, uuid: string): Promise<Vm> => getVm(connections.caller(connectionId), connectionId, uuid),

    act: (connectionId: string, uuid: string, action: VmAction): Promise<Vm> =>
      actOnVm(connections.caller(connectionId), connectionId, uuid, action),
  };
}
