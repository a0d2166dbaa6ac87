/** Writes on alerts and rules; answers go straight into the cache. */
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/api';
import { errorMessage, invoke } from '../../api';
import { upsertAlertInCache } from './cache-sync';
import { alertKeys } from './queries';

const fail = (title: string) => (e: unknown) => notifications.show({ color: 'red', title, message: errorMessage(e), autoClose: 10_000 });

export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => invoke('alerts.acknowledge', { id }),
    onSuccess: (a) => upsertAlertInCache(client, a),
    onError: fail('Could not acknowledge the alert'),
  });
}

export function useSaveRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; input: MethodInput<'alerts.createRule'> }) =>
      v.id ? invoke('alerts.updateRule', { ...v.input, id: v.id }) : invoke('alerts.createRule', v.input),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.rules }),
  });
}

export function useToggleRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; enabled: boolean }) => invoke('alerts.updateRule', v),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.rules }),
    onError: fail('Could not change the rule'),
  });
}

export function useDeleteRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => invoke('alerts.deleteRule', { id }),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.rules }),
    onError: fail('Could not delete the rule'),
  });
}

export function useSetWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: MethodInput<'alerts.setWebhook'>) => invoke('alerts.setWebhook', v),
    onSuccess: (s) => client.setQueryData(alertKeys.webhook, s),
  });
}
