/** Running a lifecycle action on one VM: confirmation where it matters, a row-level pending flag, errors as notifications. */
import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import type { VmAction } from '../../../shared/types';
import { errorMessage, invoke } from '../../api';
import { upsertVmInCache } from './cache-sync';
import type { VmRowData } from './use-vm-rows';
import { ACTIONS } from './vm-actions';

const actKey = (row: VmRowData) => ['vms', 'act', row.connectionId, row.uuid];

export function useVmAction(row: VmRowData): { run: (action: VmAction) => void; pending: boolean } {
  const client = useQueryClient();
  const pending = useIsMutating({ mutationKey: actKey(row) }) > 0;
  const mutation = useMutation({
    mutationKey: actKey(row),
    mutationFn: (action: VmAction) => invoke('vms.act', { connectionId: row.connectionId, uuid: row.uuid, action }),
    // Options here (not in mutate()) still run if the row scrolls out of view meanwhile.
    onSuccess: (vm) => upsertVmInCache(client, vm),
    onError: (e, action) =>
      notifications.show({
        color: 'red',
        title: `${ACTIONS[action].label} failed for ${row.name}`,
        message: errorMessage(e),
        autoClose: 10_000,
      }),
  });

  const run = (action: VmAction) => {
    const confirm = ACTIONS[action].confirm;
    if (!confirm) return mutation.mutate(action);
    modals.openConfirmModal({
      title: <Text fw={600}>{confirm.title(row.name)}</Text>,
      children: <Text size="sm">{confirm.body(row.name, row.host)}</Text>,
      labels: { confirm: confirm.button, cancel: 'Cancel' },
      confirmProps: { color: action === 'destroy' ? 'red' : 'orange', 'data-testid': 'confirm-action' },
      cancelProps: { 'data-testid': 'confirm-cancel' },
      onConfirm: () => mutation.mutate(action),
    });
  };

  return { run, pending };
}
