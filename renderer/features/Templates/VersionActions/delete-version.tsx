/**
 * Deleting a version (or a whole template): asked first; a refusal because
 * machines still use it is shown in a dialog with the backend's message,
 * which names them.
 */
import { Button, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { errorMessage, invoke } from '../../../api';

function showRefusal(title: string, message: string): void {
  const id = modals.open({
    title: <Text fw={600}>{title}</Text>,
    children: (
      <Stack gap="sm" data-testid="template-delete-refused">
        <Text size="sm">{message}</Text>
        <Button
          variant="default"
          onClick={() => modals.close(id)}
          style={{ alignSelf: 'flex-end' }}
          data-testid="template-delete-refused-close"
        >
          Close
        </Button>
      </Stack>
    ),
  });
}

/** `version` undefined: the whole template. */
export function confirmDeleteTemplate(name: string, version: string | undefined): void {
  const what = version === undefined ? `the template ${name} (every version)` : `version ${version} of ${name}`;
  modals.openConfirmModal({
    title: <Text fw={600}>Delete {what}?</Text>,
    children: (
      <Text size="sm">
        Its template volume{version === undefined ? 's are' : ' is'} deleted too. Machines made from it must be deleted first.
      </Text>
    ),
    labels: { confirm: 'Delete', cancel: 'Cancel' },
    confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
    onConfirm: () => {
      const call = version === undefined ? invoke('templates.delete', { name }) : invoke('templates.deleteVersion', { name, version });
      call.then(
        () => notifications.show({ color: 'teal', title: 'Deleted', message: `Deleted ${what}.` }),
        (e: unknown) => showRefusal(`Cannot delete ${what}`, errorMessage(e)),
      );
    },
  });
}
