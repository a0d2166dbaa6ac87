/**
 * Applying a right-sizing suggestion: a confirmation that says what will be
 * done and the exact call, then exactly that call (action.method with
 * action.input), so it goes through the normal action and its audit log.
 */
import { Code, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MachineSuggestion, SuggestedAction } from '../../../../shared/contract/analytics';
import { errorMessage, invoke } from '../../../api';
import { actionText, SUGGESTION_LABEL } from '../format';
import { analyticsKeys } from '../queries';

/** The suggestion's own call, unchanged. */
export async function runAction(a: SuggestedAction): Promise<void> {
  if (a.method === 'vms.setResources') await invoke('vms.setResources', a.input);
  else await invoke('vms.act', a.input);
}

const suggestionKey = (s: MachineSuggestion) => ['analytics', 'apply', s.connectionId, s.uuid, s.kind];

export function useApplySuggestion(s: MachineSuggestion): { apply: () => void; pending: boolean; done: boolean } {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationKey: suggestionKey(s),
    mutationFn: () => runAction(s.action),
    onSuccess: () => {
      notifications.show({ color: 'teal', title: `${SUGGESTION_LABEL[s.kind]}: applied to ${s.name}`, message: actionText(s.action) });
      void client.invalidateQueries({ queryKey: analyticsKeys.rightsize });
      void client.invalidateQueries({ queryKey: ['vms'] });
    },
    onError: (e) => notifications.show({ color: 'red', title: `Not applied to ${s.name}`, message: errorMessage(e), autoClose: 10_000 }),
  });

  const apply = () =>
    modals.openConfirmModal({
      title: (
        <Text fw={600}>
          Apply “{SUGGESTION_LABEL[s.kind].toLowerCase()}” to {s.name}?
        </Text>
      ),
      children: (
        <Stack gap="xs" data-testid="apply-confirm">
          <Text size="sm">{actionText(s.action)}.</Text>
          <Text size="sm" c="dimmed">
            {s.reason}
          </Text>
          <Text size="xs" c="dimmed">
            The call, recorded in the audit log:
          </Text>
          <Code block data-testid="apply-call">
            {`${s.action.method} ${JSON.stringify(s.action.input)}`}
          </Code>
        </Stack>
      ),
      labels: { confirm: 'Apply', cancel: 'Cancel' },
      confirmProps: { color: s.action.method === 'vms.act' ? 'orange' : 'blue', 'data-testid': 'confirm-action' },
      cancelProps: { 'data-testid': 'confirm-cancel' },
      onConfirm: () => mutation.mutate(),
    });

  return { apply, pending: mutation.isPending, done: mutation.isSuccess };
}
