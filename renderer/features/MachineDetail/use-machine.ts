/** One machine for its page: from vms.get, first painted from any cached list that holds it. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Vm } from '../../../shared/types';
import { connectionQueries } from '../Connections/queries';
import { vmKeys, vmQueries } from '../Machines/queries';
import type { VmRowData } from '../Machines/use-vm-rows';

export function useMachine(connectionId: string, uuid: string) {
  const client = useQueryClient();
  const vm = useQuery({
    ...vmQueries.detail(connectionId, uuid),
    initialData: () => {
      for (const [, list] of client.getQueriesData<Vm[]>({ queryKey: vmKeys.lists })) {
        const found = list?.find((v) => v.connectionId === connectionId && v.uuid.toLowerCase() === uuid.toLowerCase());
        if (found) return found;
      }
      return undefined;
    },
    initialDataUpdatedAt: 0,
  });
  const connections = useQuery(connectionQueries.list());
  const connection = connections.data?.find((c) => c.id === connectionId);
  const row: VmRowData | undefined = vm.data && {
    ...vm.data,
    key: `${vm.data.connectionId}/${vm.data.uuid}`,
    host: connection?.name ?? connectionId,
  };
  return { vm, row, connection };
}
